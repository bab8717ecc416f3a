using Conversations.Domain.Common;
using Conversations.Domain.Email;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Domain.Relationships;
using Conversations.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Conversations.Tests.Domain;

/// <summary>
/// Answering a new-message email from one's mail client: the reply address each email carries, and what becomes of what
/// arrives there (posted as its reader through the reply's rules, dropped, or refused with an answer).
/// </summary>
public class EmailReplyTests(ReplyEmailFixture fixture) : IClassFixture<ReplyEmailFixture>
{
    private static readonly TimeSpan Delay = TimeSpan.FromMinutes(5);

    /// <summary>alice writes to bob, bob leaves it unread and is mailed: the email bob receives.</summary>
    private async Task<(Participant Alice, Participant Bob, Guid Conversation, MimeMessage Mail)> MailedAsync(
        string bobsLanguage = "en"
    )
    {
        var (alice, bob) = (
            await fixture.NewParticipantAsync(name: "Alice Martin"),
            await fixture.NewParticipantAsync(name: "Bob Nguyen")
        );
        await using (var db = await fixture.DbAsync())
        {
            await db
                .Participants.Where(p => p.Id == bob.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(p => p.Language, bobsLanguage));
        }

        fixture.Clock.Ahead = TimeSpan.Zero;
        var id = (await fixture.StartAsync(alice, "Shall we talk about the bike lanes?", bob)).Value!.ConversationId;
        await fixture.MailAfterAsync(Delay * 2);
        return (alice, bob, id, fixture.Smtp.To(bob.Email).Last());
    }

    private static MimeMessage ReplyTo(MimeMessage mail, string from, string text, string? messageId = null)
    {
        var reply = new MimeMessage
        {
            Subject = "Re: " + mail.Subject,
            MessageId = messageId ?? MimeKit.Utils.MimeUtils.GenerateMessageId("mail.example.org"),
            InReplyTo = mail.MessageId,
            Body = new TextPart("plain") { Text = text },
        };
        reply.From.Add(MailboxAddress.Parse(from));
        reply.To.AddRange(mail.ReplyTo.Mailboxes);
        return reply;
    }

    private static string Quoting(MimeMessage mail, string text) =>
        $"{text}\n\nOn Sun, Dec 6, 2026 at 9:14 PM Riverside Participa <{mail.ReplyTo.Mailboxes.Single().Address}> wrote:\n"
        + string.Join('\n', (mail.TextBody ?? "").Split('\n').Select(l => "> " + l));

    private async Task<List<Message>> MessagesAsync(Guid conversation)
    {
        await using var db = await fixture.DbAsync();
        return await db.Messages.Where(m => m.ConversationId == conversation).OrderBy(m => m.Seq).ToListAsync();
    }

    private async Task<IReadOnlyList<MimeMessage>> AnswersToAsync(Participant person)
    {
        await fixture.Get<OutboxSender>().SendDueAsync();
        return fixture.Smtp.To(person.Email).Where(m => m.InReplyTo is not null).ToList(); // the answers to received emails
    }

    [Fact]
    public async Task Each_new_message_email_carries_a_reply_address_of_its_own_and_a_reply_there_is_posted_once_as_its_reader_without_the_quote()
    {
        var (alice, bob, id, mail) = await MailedAsync();
        var address = mail.ReplyTo.Mailboxes.Should().ContainSingle().Subject.Address;
        address
            .Should()
            .MatchRegex(
                "^reply\\+[a-z2-7]{26}@conversations\\.test$",
                "a key after the mailbox's name, 64 characters at most"
            );
        mail.TextBody.Should().Contain("You can also answer by replying to this email");
        var carol = await fixture.NewParticipantAsync();
        var second = (await fixture.StartAsync(carol, "Another subject", bob)).Value!.ConversationId;
        await fixture.MailAfterAsync(Delay * 4);
        fixture
            .Smtp.To(bob.Email)
            .Last()
            .ReplyTo.Mailboxes.Single()
            .Address.Should()
            .NotBe(address, "each conversation's email has its own");
        second.Should().NotBe(id);

        var reply = ReplyTo(
            mail,
            bob.Email!,
            Quoting(mail, "Yes, Thursday works for me.\n\n-- \nBob Nguyen\nRiverside")
        );
        (await fixture.Get<ReceiveEmailReply>().HandleAsync(reply)).Outcome.Should().Be(EmailReplyOutcome.Posted);
        (await fixture.Get<ReceiveEmailReply>().HandleAsync(reply))
            .Outcome.Should()
            .Be(EmailReplyOutcome.Posted, "read twice (a crash before it was marked), it answers the same");

        var messages = await MessagesAsync(id);
        messages.Should().HaveCount(2, "the same email read twice is posted once");
        messages[1].Body.Should().Be("Yes, Thursday works for me.");
        messages[1].SenderId.Should().Be(bob.Id);
        (await fixture.UnreadAsync(alice)).Should().BeGreaterThan(0, "alice has bob's answer to read like any other");
    }

    [Fact]
    public async Task A_manager_mailed_for_a_group_answers_in_the_groups_name()
    {
        var (carol, alice) = (
            await fixture.NewParticipantAsync(name: "Carol Manager"),
            await fixture.NewParticipantAsync()
        );
        var group = await fixture.NewGroupAsync(carol);
        fixture.Clock.Ahead = TimeSpan.Zero;
        var id = (await fixture.WriteAsync(Actor.Person(alice.Id), "Hello neighbours", group.Id)).Value!.ConversationId;
        await fixture.MailAfterAsync(Delay * 2);
        var mail = fixture.Smtp.To(carol.Email).Last();

        (
            await fixture
                .Get<ReceiveEmailReply>()
                .HandleAsync(ReplyTo(mail, carol.Email!, "Welcome! We meet on Mondays."))
        )
            .Outcome.Should()
            .Be(EmailReplyOutcome.Posted);

        var answer = (await MessagesAsync(id)).Last();
        answer.Body.Should().Be("Welcome! We meet on Mondays.");
        answer.SenderId.Should().Be(group.Id, "the email was written to carol as the group's manager");
        answer.AuthorId.Should().Be(carol.Id);
    }

    [Fact]
    public async Task Automatic_answers_and_bounces_are_dropped_without_posting_or_answering()
    {
        var (_, bob, id, mail) = await MailedAsync();
        var outOfOffice = ReplyTo(mail, bob.Email!, "I am away until Monday.");
        outOfOffice.Headers.Add("Auto-Submitted", "auto-replied");
        var bulk = ReplyTo(mail, bob.Email!, "I am away until Monday.");
        bulk.Headers.Add("Precedence", "bulk");
        var bounce = ReplyTo(mail, bob.Email!, "Delivery failed.");
        bounce.Headers.Add("Return-Path", "<>");
        var report = ReplyTo(mail, bob.Email!, "");
        report.Body = new MultipartReport("delivery-status")
        {
            new TextPart("plain") { Text = "Your message could not be delivered." },
        };

        foreach (var automatic in new[] { outOfOffice, bulk, bounce, report })
        {
            (await fixture.Get<ReceiveEmailReply>().HandleAsync(automatic))
                .Outcome.Should()
                .Be(EmailReplyOutcome.Automatic);
        }

        (await MessagesAsync(id)).Should().ContainSingle("nothing was posted");
        (await AnswersToAsync(bob)).Should().BeEmpty("a machine is never answered");
    }

    [Fact]
    public async Task A_reply_from_another_address_or_to_an_unknown_address_posts_nothing_and_answers_nobody()
    {
        var (_, bob, id, mail) = await MailedAsync();
        var mallory = await fixture.NewParticipantAsync();

        (await fixture.Get<ReceiveEmailReply>().HandleAsync(ReplyTo(mail, mallory.Email!, "I am bob, honestly")))
            .Outcome.Should()
            .Be(EmailReplyOutcome.WrongSender);
        var forged = ReplyTo(mail, bob.Email!, "guessing");
        forged.To.Clear();
        forged.To.Add(MailboxAddress.Parse($"reply+{EmailReplyAddress.NewKey()}@conversations.test"));
        (await fixture.Get<ReceiveEmailReply>().HandleAsync(forged))
            .Outcome.Should()
            .Be(EmailReplyOutcome.UnknownAddress);
        var elsewhere = ReplyTo(mail, bob.Email!, "to someone else");
        elsewhere.To.Clear();
        elsewhere.To.Add(MailboxAddress.Parse("bob@example.org"));
        (await fixture.Get<ReceiveEmailReply>().HandleAsync(elsewhere))
            .Outcome.Should()
            .Be(EmailReplyOutcome.NotAReply);

        (await MessagesAsync(id)).Should().ContainSingle("nothing was posted");
        (await AnswersToAsync(bob)).Should().BeEmpty();
        (await AnswersToAsync(mallory)).Should().BeEmpty("an answer could reach a stranger whose address was used");
    }

    [Fact]
    public async Task An_expired_address_posts_nothing_and_its_writer_is_told_once_in_their_language_with_what_they_wrote()
    {
        var (_, bob, id, mail) = await MailedAsync(bobsLanguage: "es");
        fixture.Clock.Ahead = EmailReplyAddress.Lifetime + TimeSpan.FromDays(1) - TimeSpan.FromHours(1);
        var late = ReplyTo(mail, bob.Email!, "¡Perdón por el retraso! Sí, el jueves.");

        (await fixture.Get<ReceiveEmailReply>().HandleAsync(late))
            .Should()
            .Be(new EmailReplyResult(EmailReplyOutcome.Refused, ReceiveEmailReply.Expired));
        (await fixture.Get<ReceiveEmailReply>().HandleAsync(late)).Outcome.Should().Be(EmailReplyOutcome.Refused);

        (await MessagesAsync(id)).Should().ContainSingle("nothing was posted");
        var answer = (await AnswersToAsync(bob))
            .Should()
            .ContainSingle("one answer per email, however often it is read")
            .Subject;
        answer.Subject.Should().Be("Tu respuesta no se ha publicado · Riverside Participa");
        answer
            .TextBody.Should()
            .Contain("ha caducado")
            .And.Contain("> ¡Perdón por el retraso! Sí, el jueves.")
            .And.Contain($"https://conversations.test/conversations/{id}");
        answer.InReplyTo.Should().Be(late.MessageId);
        answer
            .Headers["Auto-Submitted"]
            .Should()
            .Be("auto-replied", "so that an out-of-office does not answer the answer");
        fixture.Clock.Ahead = Delay * 2;
    }

    [Fact]
    public async Task A_reply_the_rules_refuse_is_answered_with_why_and_an_empty_one_is_not_posted()
    {
        var (alice, bob, id, mail) = await MailedAsync();
        var tooLong = ReplyTo(mail, bob.Email!, Quoting(mail, string.Concat(Enumerable.Repeat("Bike lanes! ", 100))));
        (await fixture.Get<ReceiveEmailReply>().HandleAsync(tooLong))
            .Should()
            .Be(new EmailReplyResult(EmailReplyOutcome.Refused, ProblemCodes.MessageTooLong));

        var onlyQuote = ReplyTo(mail, bob.Email!, Quoting(mail, ""));
        (await fixture.Get<ReceiveEmailReply>().HandleAsync(onlyQuote))
            .Should()
            .Be(new EmailReplyResult(EmailReplyOutcome.Refused, ReceiveEmailReply.NothingWritten));

        (
            await fixture
                .Get<BlockParticipant>()
                .HandleAsync(new PersonId(alice.Id), new ParticipantId(bob.Id), block: true)
        )
            .Succeeded.Should()
            .BeTrue();
        var blocked = await fixture.Get<ReceiveEmailReply>().HandleAsync(ReplyTo(mail, bob.Email!, "Are you there?"));
        blocked
            .Outcome.Should()
            .Be(EmailReplyOutcome.Refused, "alice blocked bob: a reply by email obeys the same rules");

        (await MessagesAsync(id)).Should().ContainSingle("nothing was posted");
        var answers = await AnswersToAsync(bob);
        answers.Should().HaveCount(3);
        answers[0]
            .TextBody.Should()
            .Contain("a message can be at most 1000 characters long")
            .And.Contain("> Bike lanes! Bike lanes!");
        answers[1].TextBody.Should().Contain("nothing was left once the quoted email and the signature were removed");
        answers[2]
            .TextBody.Should()
            .Contain("you can no longer write in this conversation")
            .And.Contain("> Are you there?");
    }
}

using Conversations.Domain.Common;
using Conversations.Domain.Email;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Domain.Relationships;
using Conversations.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Conversations.Tests.Domain;

/// <summary>People who leave a message unread are mailed about it, once, through the outbox and a real SMTP server.</summary>
public class NewMessageEmailTests(EmailFixture fixture) : IClassFixture<EmailFixture>
{
    private static readonly TimeSpan Delay = TimeSpan.FromMinutes(5);

    private async Task<IReadOnlyList<MimeMessage>> MailAfterAsync(TimeSpan ahead, Participant to)
    {
        await fixture.MailAfterAsync(ahead);
        return fixture.Smtp.To(to.Email).ToList();
    }

    [Fact]
    public async Task A_message_left_unread_is_mailed_once_after_the_delay_folding_everything_unread_as_plain_text()
    {
        var (alice, bob, carol) = (
            await fixture.NewParticipantAsync(name: "Alice Martin"),
            await fixture.NewParticipantAsync(name: "Bob Nguyen"),
            await fixture.NewParticipantAsync(name: "Carol Dubois")
        );
        fixture.Clock.Ahead = TimeSpan.Zero;
        var id = (await fixture.StartAsync(alice, "first", bob, carol)).Value!.ConversationId;
        await fixture.ReplyAsync(alice, id, "second <b>not bold</b>");
        await fixture.ReplyAsync(carol, id, "third\nwith a new line");

        (await MailAfterAsync(Delay - TimeSpan.FromMinutes(1), bob))
            .Should()
            .BeEmpty("nothing is mailed before the delay");
        var mail = (await MailAfterAsync(Delay + TimeSpan.FromMinutes(1), bob)).Should().ContainSingle().Subject;

        mail.Subject.Should()
            .Be(
                "3 new messages from Carol Dubois and Alice Martin · Riverside Participa",
                "every email names the platform"
            );
        mail.TextBody.Should()
            .EndWith("\n-- \nRiverside Participa · https://conversations.test/\n", "and its address, below the words");
        mail.HtmlBody.Should()
            .Contain("Riverside Participa · <a href=\"https://conversations.test/\">https://conversations.test/</a>");
        mail.TextBody.Should()
            .Contain("first")
            .And.Contain("second <b>not bold</b>")
            .And.Contain("third\nwith a new line")
            .And.Contain($"https://conversations.test/conversations/{id}");
        mail.HtmlBody.Should().Contain("second &lt;b&gt;not bold&lt;/b&gt;").And.NotContain("<b>not bold");
        mail.Headers["List-Unsubscribe"].Should().StartWith("<https://conversations.test/unsubscribe/one-click?token=");
        mail.TextBody.Should().Contain("https://conversations.test/unsubscribe?token=");
        mail.Headers["List-Unsubscribe-Post"].Should().Be("List-Unsubscribe=One-Click");
        mail.MessageId.Should().Be($"new-messages.{id:N}.{bob.Id:N}.3@conversations.test");
        mail.From.Mailboxes.Single().Address.Should().Be("no-reply@conversations.test");

        (await MailAfterAsync(Delay * 3, bob))
            .Should()
            .ContainSingle("the next email waits until bob has read the conversation again");
    }

    [Fact]
    public async Task A_conversation_with_more_than_99_unread_messages_is_mailed_as_99_plus_without_counting_them_all()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(name: "Alice Many"), await fixture.NewParticipantAsync());
        fixture.Clock.Ahead = TimeSpan.Zero;
        var id = (await fixture.StartAsync(alice, "message 1", bob)).Value!.ConversationId;
        for (var i = 2; i <= 120; i++)
        {
            await fixture.ReplyAsync(alice, id, $"message {i}");
        }

        var mail = (await MailAfterAsync(Delay * 2, bob)).Should().ContainSingle().Subject;

        mail.Subject.Should().Be("99+ new messages from Alice Many · Riverside Participa");
        mail.TextBody.Should().Contain("message 120").And.NotContain("message 117\n");
    }

    [Fact]
    public async Task Reading_before_the_delay_sends_nothing_and_after_an_email_the_next_waits_until_read_again()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        fixture.Clock.Ahead = TimeSpan.Zero;
        var id = (await fixture.StartAsync(alice, "read me soon", bob)).Value!.ConversationId;
        await fixture.Get<MarkRead>().HandleAsync(Actor.Person(bob.Id), new ConversationId(id));
        (await MailAfterAsync(Delay * 2, bob)).Should().BeEmpty("bob read it in time");

        fixture.Clock.Ahead = TimeSpan.Zero;
        await fixture.ReplyAsync(alice, id, "are you there?");
        (await MailAfterAsync(Delay * 2, bob))
            .Should()
            .ContainSingle()
            .Which.Subject.Should()
            .Be($"New message from {alice.DisplayName} · Riverside Participa");

        fixture.Clock.Ahead = TimeSpan.Zero;
        await fixture.ReplyAsync(alice, id, "hello?");
        (await MailAfterAsync(Delay * 2, bob)).Should().ContainSingle("no storm of one email per message");

        await fixture.Get<MarkRead>().HandleAsync(Actor.Person(bob.Id), new ConversationId(id));
        fixture.Clock.Ahead = TimeSpan.Zero;
        await fixture.ReplyAsync(alice, id, "thanks for reading");
        (await MailAfterAsync(Delay * 2, bob))
            .Should()
            .HaveCount(2, "bob read it again, so the next unread message is mailed");
    }

    [Fact]
    public async Task A_message_request_is_never_mailed_and_once_accepted_its_next_messages_are()
    {
        var judy = await fixture.NewParticipantAsync(
            name: "Judy Requests",
            whoMayWrite: WhoMayWrite.StrangersAsRequests
        );
        var oscar = await fixture.NewParticipantAsync(name: "Oscar Stranger");
        fixture.Clock.Ahead = TimeSpan.Zero;
        var id = (await fixture.StartAsync(oscar, "a stranger's private first words", judy)).Value!.ConversationId;

        (await MailAfterAsync(Delay * 3, judy)).Should().BeEmpty("a request is never mailed, its words least of all");

        fixture.Clock.Ahead = TimeSpan.Zero;
        (
            await fixture
                .Get<AnswerRequest>()
                .HandleAsync(Actor.Person(judy.Id), new ConversationId(id), RequestAnswer.Accept)
        )
            .Value.Should()
            .BeTrue();
        await fixture.ReplyAsync(oscar, id, "thank you for accepting");
        var mail = (await MailAfterAsync(Delay * 2, judy)).Should().ContainSingle().Subject;
        mail.TextBody.Should()
            .Contain("thank you for accepting")
            .And.NotContain("private first words", "what she read before accepting is not unread");
    }

    [Fact]
    public async Task Nobody_is_mailed_about_a_sender_they_blocked_nor_after_turning_emails_off_nor_once_their_account_is_deleted()
    {
        var (alice, bob, dave, erin, mallory) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync()
        );
        (await fixture.Get<SetEmailPreference>().HandleAsync(dave.Id, false)).Value.Should().BeFalse();
        fixture.Clock.Ahead = TimeSpan.Zero;
        var toDave = (await fixture.StartAsync(alice, "to dave and erin", dave, erin)).Value!.ConversationId;
        (
            await fixture.InScopeAsync<DeleteAccount, Result<bool>>(d =>
                d.HandleAsync(new DeleteAccountCommand(erin.Id, Registering.Password, true))
            )
        )
            .Succeeded.Should()
            .BeTrue();
        var fromMallory = (await fixture.StartAsync(mallory, "you blocked me", alice, bob)).Value!.ConversationId;
        await fixture.Get<BlockParticipant>().HandleAsync(new PersonId(bob.Id), new ParticipantId(mallory.Id)); // after the message, before the email

        (await MailAfterAsync(Delay * 2, bob)).Should().BeEmpty("bob blocked the only sender");
        (await MailAfterAsync(Delay * 2, dave)).Should().BeEmpty("dave turned these emails off");
        fixture.Smtp.To(erin.Email).Should().BeEmpty("erin deleted her account");
        (await MailAfterAsync(Delay * 2, alice))
            .Should()
            .ContainSingle(m => m.TextBody!.Contains("you blocked me"), "alice did not block mallory");
        await using var db = await fixture.DbAsync();
        (await db.ConversationMembers.SingleAsync(m => m.ConversationId == fromMallory && m.ParticipantId == bob.Id))
            .NotifiedSeq.Should()
            .Be(1, "the row is settled, so it is not looked at again on every turn");
        (await db.ConversationMembers.SingleAsync(m => m.ConversationId == toDave && m.ParticipantId == dave.Id))
            .NotifiedSeq.Should()
            .Be(1, "a row nobody will be mailed about is settled too: the turns never scan it again");
    }

    [Fact]
    public async Task An_email_waits_while_the_smtp_server_is_down_and_is_delivered_once_when_it_is_back()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        fixture.Clock.Ahead = TimeSpan.Zero;
        await fixture.StartAsync(alice, "while the mail server sleeps", bob);
        await fixture.Smtp.StopAsync();
        try
        {
            (await MailAfterAsync(Delay * 2, bob)).Should().BeEmpty();
            await using var db = await fixture.DbAsync();
            var waiting = await db.OutboxEmails.SingleAsync(e => e.To == bob.Email);
            (waiting.Attempts, waiting.SentAt, waiting.FailedAt)
                .Should()
                .Be((1, (DateTimeOffset?)null, (DateTimeOffset?)null));
            waiting.LastError.Should().NotBeNullOrEmpty();
        }
        finally
        {
            fixture.Smtp.Resume();
        }

        (await MailAfterAsync(Delay * 2, bob)).Should().BeEmpty("the next try is not due yet");
        (await MailAfterAsync(Delay * 3, bob)).Should().ContainSingle();
        (await MailAfterAsync(Delay * 4, bob)).Should().ContainSingle("a sent email is never sent again");
    }

    [Fact]
    public async Task Two_servers_working_the_same_database_at_once_send_each_email_once()
    {
        var people = await fixture.PeopleAsync(12);
        fixture.Clock.Ahead = TimeSpan.Zero;
        for (var i = 1; i < people.Length; i++)
        {
            await fixture.StartAsync(people[0], $"hello {i}", people[i]);
        }

        var other = new ServiceCollection().AddLogging();
        Conversations.Domain.DomainServices.AddConversationsDomain(other, fixture.ConnectionString, fixture.Settings);
        other.AddSingleton<TimeProvider>(fixture.Clock);
        await using var serverB = other.BuildServiceProvider();
        fixture.Clock.Ahead = Delay * 2;
        await Task.WhenAll(
            Task.Run(async () => await fixture.Get<NewMessageEmails>().RunOnceAsync()),
            Task.Run(async () => await serverB.GetRequiredService<NewMessageEmails>().RunOnceAsync())
        );
        await Task.WhenAll(
            Task.Run(async () => await fixture.Get<OutboxSender>().SendDueAsync()),
            Task.Run(async () => await serverB.GetRequiredService<OutboxSender>().SendDueAsync())
        );

        foreach (var person in people[1..])
        {
            (await MailAfterAsync(Delay * 2, person)).Should().ContainSingle();
        }
    }

    [Fact]
    public async Task Each_manager_of_a_group_is_mailed_by_their_own_read_state_for_the_group_and_plain_members_never()
    {
        var (alice, bob, carol, dave) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(name: "Dave Okafor")
        );
        var group = await fixture.NewGroupAsync(alice, admins: [bob], members: [carol]);
        fixture.Clock.Ahead = TimeSpan.Zero;
        var id = (await fixture.WriteAsync(Actor.Person(dave.Id), "to the neighbours", group.Id)).Value!.ConversationId;
        await fixture.Get<MarkRead>().HandleAsync(bob.For(group), new ConversationId(id));

        var mail = (await MailAfterAsync(Delay * 2, alice)).Should().ContainSingle().Subject;
        mail.Subject.Should().Be($"New message for {group.DisplayName} from Dave Okafor · Riverside Participa");
        mail.TextBody.Should().Contain($"https://conversations.test/profiles/{group.Nickname}/conversations/{id}");
        (await MailAfterAsync(Delay * 2, bob)).Should().BeEmpty("bob read it as manager");
        (await MailAfterAsync(Delay * 2, carol)).Should().BeEmpty("carol is a member, not a manager");

        await fixture.Get<MarkRead>().HandleAsync(alice.For(group), new ConversationId(id));
        fixture.Clock.Ahead = TimeSpan.Zero;
        await fixture.ReplyAsAsync(bob.For(group), id, "we will look at it");
        (await MailAfterAsync(Delay * 2, alice))
            .Should()
            .ContainSingle("a co-manager's answer in the group's name is not news to alice");
    }

    [Fact]
    public async Task A_muted_conversation_or_group_inbox_is_never_mailed_and_after_unmuting_the_next_email_waits_for_a_read()
    {
        var (alice, bob, carol, dave) = (
            await fixture.NewParticipantAsync(name: "Alice Mute"),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(name: "Dave Okafor")
        );
        var group = await fixture.NewGroupAsync(alice, admins: [bob, carol]);
        var mute = fixture.Get<Mute>();
        fixture.Clock.Ahead = TimeSpan.Zero;
        var id = (await fixture.StartAsync(alice, "a busy thread", bob)).Value!.ConversationId;
        (await mute.ConversationAsync(Actor.Person(bob.Id), new ConversationId(id), muted: true))
            .Value.Should()
            .BeTrue();
        await fixture.ReplyAsync(alice, id, "more noise");
        (await MailAfterAsync(Delay * 2, bob)).Should().BeEmpty("bob muted the conversation");

        (await mute.ConversationAsync(Actor.Person(bob.Id), new ConversationId(id), muted: false))
            .Value.Should()
            .BeTrue();
        fixture.Clock.Ahead = TimeSpan.Zero;
        await fixture.ReplyAsync(alice, id, "after the unmute");
        (await MailAfterAsync(Delay * 2, bob))
            .Should()
            .BeEmpty("what arrived while muted is never mailed, and the next email waits until bob has read");
        await fixture.Get<MarkRead>().HandleAsync(Actor.Person(bob.Id), new ConversationId(id));
        fixture.Clock.Ahead = TimeSpan.Zero;
        await fixture.ReplyAsync(alice, id, "now you hear me");
        (await MailAfterAsync(Delay * 2, bob)).Should().ContainSingle("unmuted and read: the next message is mailed");

        // In a group: bob muted this one conversation, carol the group's whole inbox; alice muted nothing.
        fixture.Clock.Ahead = TimeSpan.Zero;
        var toGroup = (await fixture.WriteAsync(Actor.Person(dave.Id), "to the association", group.Id))
            .Value!
            .ConversationId;
        await mute.ConversationAsync(bob.For(group), new ConversationId(toGroup), muted: true);
        (await mute.GroupInboxAsync(new PersonId(carol.Id), new GroupId(group.Id), muted: true))
            .Value.Should()
            .BeTrue();
        await fixture.Get<MarkRead>().HandleAsync(alice.For(group), new ConversationId(toGroup));
        await fixture.Get<MarkUnread>().HandleAsync(alice.For(group), new ConversationId(toGroup), fromSeq: 1);
        (await MailAfterAsync(Delay * 2, alice))
            .Should()
            .ContainSingle(m => m.Subject!.Contains(group.DisplayName), "alice hears of the group's conversation");
        (await MailAfterAsync(Delay * 2, bob))
            .Should()
            .HaveCount(1, "bob muted the group's conversation: only his earlier email is there");
        (await MailAfterAsync(Delay * 2, carol)).Should().BeEmpty("carol muted the group's inbox");
    }

    [Fact]
    public async Task The_stored_time_a_row_is_due_an_email_agrees_with_the_rule_after_sends_partial_reads_group_answers_and_turns()
    {
        var (alice, bob, carol, dave) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync()
        );
        var group = await fixture.NewGroupAsync(alice, admins: [bob], members: [carol]);
        fixture.Clock.Ahead = TimeSpan.Zero;
        var trio = (await fixture.StartAsync(alice, "one", bob, carol)).Value!.ConversationId;
        await fixture.ReplyAsync(bob, trio, "two");
        await fixture.ReplyAsync(alice, trio, "three");
        var toGroup = (await fixture.WriteAsync(Actor.Person(dave.Id), "to the group", group.Id)).Value!.ConversationId;
        var shy = await fixture.NewParticipantAsync(whoMayWrite: WhoMayWrite.StrangersAsRequests);
        var request = (await fixture.StartAsync(dave, "a stranger's first words", shy)).Value!.ConversationId;
        var seen = await RowsAgreeWithTheRuleAsync("after sends");

        await using (var db = await fixture.DbAsync())
        {
            await ReadPositions.MoveToAsync(db, trio, Actor.Person(carol.Id), 1, CancellationToken.None); // carol's page had only the first message
        }

        seen.UnionWith(await RowsAgreeWithTheRuleAsync("after a partial read"));
        await MailAfterAsync(Delay * 2, carol);
        seen.UnionWith(await RowsAgreeWithTheRuleAsync("after the turns that mailed everyone"));

        fixture.Clock.Ahead = TimeSpan.Zero;
        await fixture.ReplyAsync(alice, trio, "four"); // bob and carol were mailed and have not read since: nothing new waits
        await fixture.Get<MarkRead>().HandleAsync(Actor.Person(carol.Id), new ConversationId(trio));
        await fixture.ReplyAsync(alice, trio, "five"); // carol read again: she waits from here
        await fixture.ReplyAsAsync(bob.For(group), toGroup, "we will look at it");
        await fixture.ReplyAsync(dave, toGroup, "thanks");
        await fixture
            .Get<AnswerRequest>()
            .HandleAsync(Actor.Person(shy.Id), new ConversationId(request), RequestAnswer.Accept);
        await fixture.ReplyAsync(dave, request, "thank you for accepting");
        seen.UnionWith(await RowsAgreeWithTheRuleAsync("after more sends, a read and an accepted request"));
        await fixture.Get<Mute>().ConversationAsync(Actor.Person(carol.Id), new ConversationId(trio), muted: true);
        await fixture.ReplyAsync(alice, trio, "six"); // carol muted it: nothing waits for her
        seen.UnionWith(await RowsAgreeWithTheRuleAsync("after a mute and a send"));
        await fixture.Get<Mute>().ConversationAsync(Actor.Person(carol.Id), new ConversationId(trio), muted: false);
        await fixture.Get<MarkUnread>().HandleAsync(Actor.Person(bob.Id), new ConversationId(trio), fromSeq: 3);
        seen.UnionWith(await RowsAgreeWithTheRuleAsync("after an unmute and an unread from here"));
        await MailAfterAsync(Delay * 2, carol);
        seen.UnionWith(await RowsAgreeWithTheRuleAsync("after the next turns"));

        seen.Should()
            .Contain(
                [(true, true), (true, false), (false, false)],
                "the rows met every case: unread and waiting, unread but mailed since the last read, and read"
            );
        requestsMet.Should().BeTrue("a message request's row, unread and never waiting for an email, was met");
        mutedMet.Should().BeTrue("a muted row, unread and never waiting for an email, was met");
    }

    /// <summary>
    /// Every member row of this database: its stored due time is the first unread message's time exactly when
    /// <see cref="EmailDue.Waits"/> says it waits, else null. Returns the (unread, waits) cases met.
    /// </summary>
    private bool requestsMet;

    private bool mutedMet;

    private async Task<HashSet<(bool Unread, bool Waits)>> RowsAgreeWithTheRuleAsync(string when)
    {
        await using var db = await fixture.DbAsync();
        var rows = await db
            .Database.SqlQueryRaw<MemberState>(
                """
                SELECT m."LastSeq", m."LastReadSeq", m."NotifiedSeq", m."UnmailedSince", f."SentAt" AS "FirstUnreadAt", m."Request", m."Muted"
                  FROM "ConversationMembers" m
                  LEFT JOIN "Messages" f ON f."ConversationId" = m."ConversationId" AND f."Seq" = m."LastReadSeq" + 1
                """
            )
            .ToListAsync();
        rows.Should().NotBeEmpty();
        foreach (var row in rows)
        {
            var waits = EmailDue.Waits(
                row.LastSeq,
                row.LastReadSeq,
                row.NotifiedSeq,
                (MessageRequest)row.Request,
                row.Muted
            );
            row.UnmailedSince.Should()
                .Be(
                    waits ? row.FirstUnreadAt : null,
                    $"{when}: a row read to {row.LastReadSeq} of {row.LastSeq}, mailed to {row.NotifiedSeq}, request state {row.Request}, muted {row.Muted}, {(waits ? "waits from its first unread message" : "waits for nothing")}"
                );
            requestsMet |= row.Request == (short)MessageRequest.Waiting && row.LastSeq > row.LastReadSeq;
            mutedMet |= row.Muted && row.LastSeq > row.LastReadSeq;
        }

        return rows.Select(r =>
                (
                    r.LastSeq > r.LastReadSeq,
                    EmailDue.Waits(r.LastSeq, r.LastReadSeq, r.NotifiedSeq, (MessageRequest)r.Request, r.Muted)
                )
            )
            .ToHashSet();
    }

    private sealed class MemberState
    {
        public long LastSeq { get; set; }

        public long LastReadSeq { get; set; }

        public long NotifiedSeq { get; set; }

        public bool Muted { get; set; }

        public DateTimeOffset? UnmailedSince { get; set; }

        public DateTimeOffset? FirstUnreadAt { get; set; }

        public short Request { get; set; }
    }
}

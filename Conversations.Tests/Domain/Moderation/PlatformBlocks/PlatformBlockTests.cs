using Conversations.Domain.Common;
using Conversations.Domain.Email;
using Conversations.Domain.Messaging;
using Conversations.Domain.Moderation;
using Conversations.Domain.Participants;
using Conversations.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Tests.Domain.Moderation;

/// <summary>An administrator blocks a person on the whole platform, and unblocks them: every door closes, then opens again.</summary>
public class PlatformBlockTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    [Fact]
    public async Task A_block_closes_every_door_and_an_unblock_opens_them_all_again()
    {
        var (alice, bob, mallory, admin) = (
            await fixture.NewParticipantAsync(name: "Alice Open"),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(
                nickname: "mallory_" + Guid.NewGuid().ToString("N")[..6],
                name: "Mallory Blocked"
            ),
            await fixture.NewAdministratorAsync()
        );
        var withAlice = (await fixture.StartAsync(mallory, "hello Alice", alice)).Value!.ConversationId;
        var session = await fixture.Get<SignInSessions>().StartAsync(mallory.Id);
        await fixture.ReportAsync(bob, mallory, ReportReason.Spam, "adverts");

        var blocked = await fixture
            .Get<PlatformBlocks>()
            .BlockAsync(new PersonId(admin.Id), new ParticipantId(mallory.Id), "  Spam to many residents  ");

        blocked.Succeeded.Should().BeTrue();
        (await fixture.Get<SignInSessions>().IsLiveAsync(new SessionId(session), new PersonId(mallory.Id)))
            .Should()
            .BeFalse("her open sessions end at once");
        (
            await fixture.InScopeAsync<Microsoft.AspNetCore.Identity.UserManager<Participant>, Participant?>(u =>
                u.FindByIdAsync(mallory.Id.ToString())
            )
        )!
            .BlockedAt.Should()
            .NotBeNull();
        (await fixture.Get<FindProfile>().ByIdAsync(mallory.Id))!.IsBlocked.Should().BeTrue("her profile says so");
        (await fixture.Get<SearchRecipients>().HandleAsync(Actor.Person(bob.Id), "Mallory Blo"))
            .Value.Should()
            .BeEmpty("nobody finds her");
        (await fixture.Get<CheckConsent>().HandleAsync(Actor.Person(bob.Id), [mallory.Id]))
            .Should()
            .ContainSingle()
            .Which.Problem.Should()
            .Be(
                new NotAllowed(ProblemCodes.PlatformBlockedParticipant, "Mallory Blocked"),
                "her profile's Message button says why, with no conversation in sight"
            );
        (await fixture.StartAsync(bob, "hi", mallory))
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Should()
            .Equal(new FieldError("Recipients", ProblemCodes.RecipientsBlocked));
        var reply = await fixture.ReplyAsync(alice, withAlice, "are you there?");
        reply.Problem.Should().Be(new NotAllowed(ProblemCodes.PlatformBlocked, "Mallory Blocked"));
        reply
            .Problem!.InEnglish()
            .Should()
            .Be("This conversation is read-only: the platform's moderators blocked Mallory Blocked.");
        var view = (
            await fixture.Get<GetConversation>().HandleAsync(Actor.Person(alice.Id), new ConversationId(withAlice))
        ).Value!;
        view.Messages.Should().ContainSingle("the conversation stays readable").Which.Body.Should().Be("hello Alice");
        view.CannotReplyBecause.Should().Be(new NotAllowed(ProblemCodes.PlatformBlocked, "Mallory Blocked"));
        (await fixture.ReplyAsync(mallory, withAlice, "let me in"))
            .Problem.Should()
            .Be(new NotFound(ProblemCodes.ConversationNotFound), "she cannot act");
        var queue = (await fixture.Get<ModerationQueue>().HandleAsync(admin.Id)).Value!;
        queue.Reported.Should().NotContain(r => r.Participant.Id == mallory.Id, "her reports are closed");
        queue.Blocked.Should().ContainSingle(b => b.Participant.Id == mallory.Id);
        queue
            .Audit.Should()
            .ContainSingle(a => a.Target.Id == mallory.Id)
            .Which.Should()
            .Match<AuditLine>(a =>
                a.Kind == ModerationKind.Block && a.Moderator.Id == admin.Id && a.Reason == "Spam to many residents"
            );

        (
            await fixture
                .Get<PlatformBlocks>()
                .UnblockAsync(new PersonId(admin.Id), new ParticipantId(mallory.Id), "She apologised")
        )
            .Succeeded.Should()
            .BeTrue();

        (await fixture.Get<FindProfile>().ByIdAsync(mallory.Id))!.IsBlocked.Should().BeFalse();
        (await fixture.Get<SearchRecipients>().HandleAsync(Actor.Person(bob.Id), "Mallory Blo"))
            .Value.Should()
            .ContainSingle();
        (await fixture.ReplyAsync(alice, withAlice, "welcome back")).Succeeded.Should().BeTrue();
        (await fixture.Get<CheckConsent>().HandleAsync(Actor.Person(bob.Id), [mallory.Id])).Should().BeEmpty();
        (await fixture.ReplyAsync(mallory, withAlice, "thanks")).Succeeded.Should().BeTrue();
        (await fixture.Get<ModerationQueue>().HandleAsync(admin.Id))
            .Value!.Audit.Where(a => a.Target.Id == mallory.Id)
            .Select(a => a.Kind)
            .Should()
            .Equal(ModerationKind.Unblock, ModerationKind.Block);
    }

    [Fact]
    public async Task A_blocked_person_cannot_sign_in_and_is_mailed_nothing_more()
    {
        var (mallory, admin) = (await fixture.NewParticipantAsync(), await fixture.NewAdministratorAsync());
        await using (var db = await fixture.DbAsync())
        {
            db.OutboxEmails.Add(
                new OutboxEmail
                {
                    MessageId = $"pending.{Guid.NewGuid():N}@test",
                    To = mallory.Email!,
                    Subject = "s",
                    TextBody = "t",
                    HtmlBody = "h",
                    CreatedAt = DateTimeOffset.UtcNow,
                    DueAt = DateTimeOffset.UtcNow,
                }
            );
            await db.SaveChangesAsync();
        }

        await fixture
            .Get<PlatformBlocks>()
            .BlockAsync(new PersonId(admin.Id), new ParticipantId(mallory.Id), "harassment");

        await using var check = await fixture.DbAsync();
        (await check.OutboxEmails.CountAsync(e => e.To == mallory.Email && e.SentAt == null))
            .Should()
            .Be(0, "what was waiting to be mailed to her is not sent");
        var person = await check.Participants.SingleAsync(p => p.Id == mallory.Id);
        LivePerson
            .Is(person)
            .Should()
            .BeFalse("the sign-in manager lets only a live person in (EvenSignInManager.CanSignInAsync)");
        person.SecurityStamp.Should().NotBe(mallory.SecurityStamp, "cookies issued before the block are worth nothing");
    }

    [Fact]
    public async Task Decisions_need_a_reason_and_make_sense_only_once()
    {
        var (bob, mallory, admin) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewAdministratorAsync()
        );
        var blocks = fixture.Get<PlatformBlocks>();

        (await blocks.BlockAsync(new PersonId(admin.Id), new ParticipantId(mallory.Id), "   "))
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Should()
            .Equal(new FieldError("Reason", ProblemCodes.ModerationReasonEmpty));
        (await blocks.DismissAsync(new PersonId(admin.Id), new ParticipantId(mallory.Id), "nothing to see"))
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Should()
            .Equal(new FieldError("Target", ProblemCodes.ModerationNoOpenReports));
        (await blocks.UnblockAsync(new PersonId(admin.Id), new ParticipantId(mallory.Id), "why not"))
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Should()
            .Equal(new FieldError("Target", ProblemCodes.ModerationNotBlocked));
        (await blocks.BlockAsync(new PersonId(admin.Id), new ParticipantId(admin.Id), "oops"))
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Should()
            .Equal(new FieldError("Target", ProblemCodes.ModerationNotYourself));
        await fixture.ReportAsync(bob, mallory);
        (await blocks.DismissAsync(new PersonId(admin.Id), new ParticipantId(mallory.Id), "a misunderstanding"))
            .Succeeded.Should()
            .BeTrue();
        (await fixture.ReportAsync(bob, mallory))
            .Succeeded.Should()
            .BeTrue("a dismissed report no longer holds the next one");
        (await blocks.BlockAsync(new PersonId(admin.Id), new ParticipantId(mallory.Id), "again"))
            .Succeeded.Should()
            .BeTrue();
        (await blocks.BlockAsync(new PersonId(admin.Id), new ParticipantId(mallory.Id), "again"))
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Should()
            .Equal(new FieldError("Target", ProblemCodes.ModerationAlreadyBlocked));
    }

    [Fact]
    public async Task Two_administrators_blocking_the_same_person_at_once_record_one_block()
    {
        var (mallory, first, second) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewAdministratorAsync(),
            await fixture.NewAdministratorAsync("Second Moderator")
        );

        var results = await Task.WhenAll(
            fixture.Get<PlatformBlocks>().BlockAsync(new PersonId(first.Id), new ParticipantId(mallory.Id), "spam"),
            fixture.Get<PlatformBlocks>().BlockAsync(new PersonId(second.Id), new ParticipantId(mallory.Id), "spam")
        );

        results.Count(r => r.Succeeded).Should().Be(1);
        (await fixture.Get<ModerationQueue>().HandleAsync(first.Id))
            .Value!.Audit.Count(a => a.Target.Id == mallory.Id)
            .Should()
            .Be(1);
    }

    [Fact]
    public async Task An_administrator_sees_nothing_of_conversations_they_are_not_in()
    {
        var (alice, bob, admin) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewAdministratorAsync()
        );
        var id = (await fixture.StartAsync(alice, "between us", bob)).Value!.ConversationId;

        (await fixture.Get<GetConversation>().HandleAsync(Actor.Person(admin.Id), new ConversationId(id)))
            .Problem.Should()
            .Be(new NotFound(ProblemCodes.ConversationNotFound));
        (await fixture.ReplyAsync(admin, id, "moderator here"))
            .Problem.Should()
            .Be(new NotFound(ProblemCodes.ConversationNotFound));
        (await fixture.Get<MarkRead>().HandleAsync(Actor.Person(admin.Id), new ConversationId(id)))
            .Problem.Should()
            .Be(new NotFound(ProblemCodes.ConversationNotFound));
        (await fixture.Get<GetInbox>().HandleAsync(Actor.Person(admin.Id))).Value!.Rows.Should().BeEmpty();
        (await fixture.UnreadAsync(admin)).Should().Be(0);
        (await fixture.Get<Administrators>().IsAsync(admin.Id)).Should().BeTrue();
    }
}

using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Moderation;
using Conversations.Tests.Support;

namespace Conversations.Tests.Domain.Moderation;

/// <summary>Groups answer to the moderators as people do: reported (with the person behind a message), blocked and unblocked.</summary>
public class GroupModerationTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    [Fact]
    public async Task A_group_and_a_groups_message_can_be_reported_and_the_moderators_see_which_person_wrote_it()
    {
        var (alice, mallory, member, admin) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(name: "Mallory Behind"),
            await fixture.NewParticipantAsync(),
            await fixture.NewAdministratorAsync()
        );
        var group = await fixture.NewGroupAsync(mallory, members: [member]);
        var id = (await fixture.WriteAsync(mallory.For(group), "Buy our raffle tickets now!!!", alice.Id))
            .Value!
            .ConversationId;
        var message = (
            await fixture.Get<GetConversation>().HandleAsync(Actor.Person(alice.Id), new ConversationId(id))
        ).Value!.Messages.Single();
        message.Author.Should().BeNull("who wrote a group's message is told only to its managers");

        var reported = await fixture
            .Get<ReportParticipant>()
            .HandleAsync(
                new ReportCommand(
                    new PersonId(alice.Id),
                    new ParticipantId(group.Id),
                    ReportReason.Spam,
                    "",
                    message.Id
                )
            );

        reported.Succeeded.Should().BeTrue(reported.Problem?.InEnglish());
        var entry = (await fixture.Get<ModerationQueue>().HandleAsync(admin.Id)).Value!.Reported.Single(r =>
            r.Participant.Id == group.Id
        );
        entry.Participant.IsGroup.Should().BeTrue();
        entry
            .Reports.Single()
            .Should()
            .Match<OpenReport>(r => r.Evidence == "Buy our raffle tickets now!!!" && r.Author!.Id == mallory.Id);
        (
            await fixture
                .Get<ReportParticipant>()
                .HandleAsync(
                    new ReportCommand(new PersonId(member.Id), new ParticipantId(group.Id), ReportReason.Offensive, "")
                )
        )
            .Problem.Should()
            .BeOfType<Invalid>("a member does not report their own group")
            .Which.Errors.Single()
            .Code.Should()
            .Be(ProblemCodes.ReportOwnGroup);
        (
            await fixture
                .Get<ReportParticipant>()
                .HandleAsync(
                    new ReportCommand(
                        new PersonId(admin.Id),
                        new ParticipantId(group.Id),
                        ReportReason.Spam,
                        "",
                        message.Id
                    )
                )
        )
            .Problem.Should()
            .BeOfType<NotFound>("a message is reported only from a conversation one is in");
    }

    [Fact]
    public async Task A_group_blocked_on_the_platform_is_written_to_by_nobody_and_in_its_name_by_nobody_and_its_conversations_stay_readable()
    {
        var (alice, manager, admin) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewAdministratorAsync()
        );
        var group = await fixture.NewGroupAsync(manager);
        var id = (await fixture.WriteAsync(manager.For(group), "Welcome to the club", alice.Id)).Value!.ConversationId;
        await fixture.ReplyAsync(alice, id, "Thanks!");

        (
            await fixture
                .Get<PlatformBlocks>()
                .BlockAsync(new PersonId(admin.Id), new ParticipantId(group.Id), "A front for spam")
        )
            .Succeeded.Should()
            .BeTrue();

        var asGroup = await fixture.ReplyAsAsync(manager.For(group), id, "We are still here");
        asGroup.Problem.Should().Be(PlatformBlock.GroupBlocked(group.DisplayName));
        asGroup
            .Problem!.InEnglish()
            .Should()
            .StartWith($"{group.DisplayName} is blocked on the platform: nobody writes in its name.");
        (await fixture.WriteAsync(manager.For(group), "A new start", (await fixture.NewParticipantAsync()).Id))
            .Problem.Should()
            .Be(PlatformBlock.GroupBlocked(group.DisplayName));
        (await fixture.Get<GetConversation>().HandleAsync(manager.For(group), new ConversationId(id)))
            .Value!.CannotReplyBecause.Should()
            .Be(
                PlatformBlock.GroupBlocked(group.DisplayName),
                "its managers still read its conversations, and are told why they cannot write"
            );
        var toGroup = await fixture.ReplyAsync(alice, id, "Hello?");
        toGroup.Problem.Should().Be(new NotAllowed(ProblemCodes.PlatformBlocked, group.DisplayName));
        (await fixture.Get<GetConversation>().HandleAsync(Actor.Person(alice.Id), new ConversationId(id)))
            .Value!.Messages.Should()
            .HaveCount(2, "the conversation stays readable");
        (await fixture.WriteAsync(Actor.Person(alice.Id), "Are you there?", group.Id))
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Should()
            .Equal(new FieldError("Recipients", ProblemCodes.RecipientsBlocked));
        var queue = (await fixture.Get<ModerationQueue>().HandleAsync(admin.Id)).Value!;
        queue.Blocked.Should().ContainSingle(b => b.Participant.Id == group.Id);
        queue
            .Audit.Should()
            .Contain(a => a.Target.Id == group.Id && a.Kind == ModerationKind.Block && a.Reason == "A front for spam");

        (
            await fixture
                .Get<PlatformBlocks>()
                .UnblockAsync(new PersonId(admin.Id), new ParticipantId(group.Id), "Cleared up")
        )
            .Succeeded.Should()
            .BeTrue();

        (await fixture.ReplyAsAsync(manager.For(group), id, "Back again")).Succeeded.Should().BeTrue();
        (await fixture.ReplyAsync(alice, id, "Welcome back")).Succeeded.Should().BeTrue();
    }
}

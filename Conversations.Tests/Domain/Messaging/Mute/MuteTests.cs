using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Tests.Support;

namespace Conversations.Tests.Domain;

public class MuteTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    private Mute Mute => fixture.Get<Mute>();

    [Fact]
    public async Task A_muted_conversation_leaves_the_badge_but_stays_listed_marked_muted_with_its_unread_count_in_place()
    {
        var (alice, bob, carol) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync()
        );
        var noisy = (await fixture.StartAsync(alice, "one", bob, carol)).Value!.ConversationId;
        var quiet = (await fixture.StartAsync(carol, "hello bob", bob)).Value!.ConversationId;

        (await Mute.ConversationAsync(Actor.Person(bob.Id), new ConversationId(noisy), muted: true))
            .Value.Should()
            .BeTrue();
        await fixture.ReplyAsync(alice, noisy, "two");
        await fixture.ReplyAsync(alice, noisy, "three");

        (await fixture.UnreadAsync(bob)).Should().Be(1, "only the conversation bob did not mute is on his badge");
        var rows = (await fixture.Get<GetInbox>().HandleAsync(Actor.Person(bob.Id))).Value!.Rows;
        rows.Select(r => (r.ConversationId, r.Unread, r.Muted)).Should().Equal((noisy, 3, true), (quiet, 1, false));
        (await fixture.UnreadAsync(carol)).Should().Be(3, "muting is bob's own");

        (await Mute.ConversationAsync(Actor.Person(bob.Id), new ConversationId(noisy), muted: true))
            .Value.Should()
            .BeFalse("it is muted already");
        (await Mute.ConversationAsync(Actor.Person(bob.Id), new ConversationId(noisy), muted: false))
            .Value.Should()
            .BeTrue();
        (await fixture.UnreadAsync(bob)).Should().Be(4, "unmuted, its unread messages count again");
    }

    [Fact]
    public async Task A_manager_mutes_a_groups_conversation_or_its_whole_inbox_for_themself_and_its_count_stays_in_place()
    {
        var (alice, bob, dave) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync()
        );
        var group = await fixture.NewGroupAsync(alice, admins: [bob]);
        var first = (await fixture.WriteAsync(Actor.Person(dave.Id), "first", group.Id)).Value!.ConversationId;
        var second = (await fixture.WriteAsync(Actor.Person(dave.Id), "second", group.Id, alice.Id))
            .Value!
            .ConversationId;

        await Mute.ConversationAsync(alice.For(group), new ConversationId(first), muted: true);
        var alices = await fixture.CountsAsync(alice);
        alices.ForGroup(group.Id).Should().Be(1, "alice muted the first of the group's two conversations");
        (await fixture.CountsAsync(bob)).ForGroup(group.Id).Should().Be(2, "bob did not");
        var groupInbox = (await fixture.Get<GetInbox>().HandleAsync(alice.For(group))).Value!.Rows;
        groupInbox.Single(r => r.ConversationId == first).Should().Match<InboxRow>(r => r.Muted && r.Unread == 1);

        (await Mute.GroupInboxAsync(new PersonId(bob.Id), new GroupId(group.Id), muted: true)).Value.Should().BeTrue();
        var bobs = await fixture.CountsAsync(bob);
        bobs.Groups.Single().Should().Match<GroupUnread>(g => g.Muted && g.Unread == 2, "shown in place, marked muted");
        bobs.Total.Should().Be(0, "a muted group inbox is not on the badge");
        (await fixture.CountsAsync(alice)).Total.Should().Be(2, "alice hears the second one, in the group and her own");
        (await Mute.ConversationAsync(Actor.Person(alice.Id), new ConversationId(second), muted: true))
            .Value.Should()
            .BeTrue();
        (await fixture.CountsAsync(alice))
            .Total.Should()
            .Be(1, "her own muted; the group's copy of it she still hears");
    }

    [Fact]
    public async Task A_stranger_or_a_plain_member_cannot_mute_and_learns_nothing()
    {
        var (alice, bob, carol, stranger) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync()
        );
        var group = await fixture.NewGroupAsync(alice, members: [carol]);
        var id = (await fixture.StartAsync(alice, "private", bob)).Value!.ConversationId;

        foreach (var target in new[] { id, Guid.NewGuid() })
        {
            (await Mute.ConversationAsync(Actor.Person(stranger.Id), new ConversationId(target), muted: true))
                .Problem.Should()
                .Be(new NotFound(ProblemCodes.ConversationNotFound));
        }

        (await Mute.GroupInboxAsync(new PersonId(carol.Id), new GroupId(group.Id), muted: true))
            .Problem.Should()
            .Be(new NotFound(ProblemCodes.GroupNotFound), "a plain member has no group inbox to mute");
        (await Mute.ConversationAsync(carol.For(group), new ConversationId(id), muted: true))
            .Problem.Should()
            .Be(new NotFound(ProblemCodes.ConversationNotFound));
    }
}

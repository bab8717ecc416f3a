using Conversations.Domain.Common;
using Conversations.Domain.Groups;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Tests.Support;

namespace Conversations.Tests.Domain.Groups;

public class GroupConversationsTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    /// <summary>alice created the group, bob is an admin, carol a plain member; dave and stranger are outsiders.</summary>
    private async Task<(
        Profile Group,
        Participant Alice,
        Participant Bob,
        Participant Carol,
        Participant Dave,
        Participant Stranger
    )> NeighboursAsync()
    {
        var people = await fixture.PeopleAsync(5);
        var group = await fixture.NewGroupAsync(people[0], admins: [people[1]], members: [people[2]]);
        return (group, people[0], people[1], people[2], people[3], people[4]);
    }

    [Fact]
    public async Task A_message_to_a_group_is_unread_for_each_manager_until_that_manager_opens_it()
    {
        var (group, alice, bob, carol, dave, _) = await NeighboursAsync();

        var id = (await fixture.WriteAsync(Actor.Person(dave.Id), "Street lights are out", group.Id))
            .Value!
            .ConversationId;
        await fixture.ReplyAsync(dave, id, "On Elm Road");

        (await fixture.CountsAsync(alice)).ForGroup(group.Id).Should().Be(2);
        (await fixture.CountsAsync(bob)).ForGroup(group.Id).Should().Be(2);
        (await fixture.CountsAsync(carol)).Total.Should().Be(0, "plain members do not read the group's conversations");

        (await fixture.Get<MarkRead>().HandleAsync(alice.For(group), new ConversationId(id))).Value.Should().BeTrue();

        (await fixture.CountsAsync(alice)).Total.Should().Be(0);
        (await fixture.CountsAsync(bob)).ForGroup(group.Id).Should().Be(2, "each manager has their own read state");
        (await fixture.Get<GetInbox>().HandleAsync(bob.For(group)))
            .Value!.Rows.Should()
            .ContainSingle()
            .Which.Unread.Should()
            .Be(2);
        (await fixture.Get<GetInbox>().HandleAsync(alice.For(group)))
            .Value!.Rows.Should()
            .ContainSingle()
            .Which.Unread.Should()
            .Be(0);
    }

    [Fact]
    public async Task A_manager_answers_as_the_group_and_only_co_managers_see_who_wrote()
    {
        var (group, alice, bob, _, dave, _) = await NeighboursAsync();
        var id = (await fixture.WriteAsync(Actor.Person(dave.Id), "Who fixes the lights?", group.Id))
            .Value!
            .ConversationId;

        var answer = await fixture.ReplyAsAsync(bob.For(group), id, "We will call the city today.");

        answer.Succeeded.Should().BeTrue();
        var forDave = (
            await fixture.Get<GetConversation>().HandleAsync(Actor.Person(dave.Id), new ConversationId(id))
        ).Value!;
        forDave.Messages[^1].Should().BeEquivalentTo(new { SenderId = group.Id, Author = (Profile?)null });
        forDave.Others.Select(o => o.Id).Should().Equal(group.Id);
        forDave.Others.Single().IsGroup.Should().BeTrue();
        var forAlice = (
            await fixture.Get<GetConversation>().HandleAsync(alice.For(group), new ConversationId(id))
        ).Value!;
        forAlice
            .Messages[^1]
            .Should()
            .BeEquivalentTo(new { SenderId = group.Id, Author = new { bob.Id, bob.DisplayName } });
        forAlice.Others.Select(o => o.Id).Should().Equal(dave.Id);

        (await fixture.UnreadAsync(dave)).Should().Be(1);
        (await fixture.CountsAsync(bob))
            .ForGroup(group.Id)
            .Should()
            .Be(0, "the acting manager has read up to their own answer");
        (await fixture.CountsAsync(alice))
            .ForGroup(group.Id)
            .Should()
            .Be(2, "a co-manager has not read the question nor bob's answer");
    }

    [Fact]
    public async Task Managers_start_conversations_in_the_group_name_and_members_cannot()
    {
        var (group, alice, _, carol, dave, stranger) = await NeighboursAsync();

        var started = await fixture.WriteAsync(alice.For(group), "Thanks for the report, Dave", dave.Id, stranger.Id);
        var byMember = await fixture.WriteAsync(carol.For(group), "I speak for everyone", dave.Id);

        var id = started.Value!.ConversationId;
        (await fixture.Get<GetConversation>().HandleAsync(Actor.Person(dave.Id), new ConversationId(id)))
            .Value!.Participants.Select(p => p.Id)
            .Should()
            .BeEquivalentTo([group.Id, dave.Id, stranger.Id], "the group is the participant, not alice");
        (await fixture.Get<GetConversation>().HandleAsync(Actor.Person(alice.Id), new ConversationId(id)))
            .Problem.Should()
            .BeOfType<NotFound>("alice is not in it in person");
        (await fixture.Get<FindConversation>().HandleAsync(alice.For(group), [dave.Id, stranger.Id])).Should().Be(id);
        byMember.Problem.Should().BeOfType<NotFound>();
        (await fixture.UnreadAsync(dave)).Should().Be(1);
    }

    [Fact]
    public async Task Groups_are_recipients_like_people_and_count_toward_the_limit()
    {
        var (group, alice, bob, _, dave, _) = await NeighboursAsync();
        var others = await fixture.PeopleAsync(8);
        var otherGroup = await fixture.NewGroupAsync(others[0]);

        var nine = await fixture.WriteAsync(
            Actor.Person(dave.Id),
            "Nine recipients, two of them groups",
            [group.Id, otherGroup.Id, .. others.Take(7).Select(p => p.Id)]
        );
        var ten = await fixture.WriteAsync(
            Actor.Person(dave.Id),
            "Ten recipients",
            [group.Id, otherGroup.Id, .. others.Take(8).Select(p => p.Id)]
        );

        nine.Succeeded.Should().BeTrue();
        ten.Problem.Should()
            .BeOfType<Invalid>()
            .Which.InEnglish()
            .Should()
            .Be("A conversation has at most 9 recipients besides you: remove 1.");
        (await fixture.CountsAsync(alice)).ForGroup(group.Id).Should().Be(1);
        (await fixture.CountsAsync(bob)).ForGroup(group.Id).Should().Be(1);
        (await fixture.CountsAsync(others[0]))
            .Should()
            .BeEquivalentTo(
                new { Personal = 1, Total = 2 },
                "others[0] is in it in person and manages the other group"
            );
    }

    [Fact]
    public async Task A_plain_member_or_a_stranger_cannot_reach_the_group_inbox_or_its_conversations()
    {
        var (group, _, _, carol, dave, stranger) = await NeighboursAsync();
        var id = (await fixture.WriteAsync(Actor.Person(dave.Id), "Private to the managers", group.Id))
            .Value!
            .ConversationId;

        foreach (var outsider in new[] { carol, stranger })
        {
            var actor = outsider.For(group);
            (await fixture.Get<ActForGroup>().HandleAsync(outsider.Id, group.Nickname))
                .Problem.Should()
                .Be(new NotFound(ProblemCodes.GroupNotFound));
            (await fixture.Get<GetInbox>().HandleAsync(actor))
                .Problem.Should()
                .Be(new NotFound(ProblemCodes.GroupNotFound));
            (await fixture.Get<GetConversation>().HandleAsync(actor, new ConversationId(id)))
                .Problem.Should()
                .Be(new NotFound(ProblemCodes.ConversationNotFound));
            (await fixture.Get<GetConversation>().HandleAsync(Actor.Person(outsider.Id), new ConversationId(id)))
                .Problem.Should()
                .Be(new NotFound(ProblemCodes.ConversationNotFound));
            (await fixture.ReplyAsAsync(actor, id, "let me in"))
                .Problem.Should()
                .Be(new NotFound(ProblemCodes.ConversationNotFound));
            (await fixture.Get<MarkRead>().HandleAsync(actor, new ConversationId(id)))
                .Problem.Should()
                .Be(new NotFound(ProblemCodes.ConversationNotFound));
            (await fixture.Get<FindConversation>().HandleAsync(actor, [dave.Id])).Should().BeNull();
            (await fixture.CountsAsync(outsider)).Total.Should().Be(0);
        }

        (await fixture.Get<ActForGroup>().HandleAsync(stranger.Id, "no_such_group"))
            .Problem.Should()
            .Be(new NotFound(ProblemCodes.GroupNotFound));
        (await fixture.Get<GetConversation>().HandleAsync(Actor.Person(dave.Id), new ConversationId(id)))
            .Value!.Messages.Should()
            .ContainSingle("nothing was added by the attempts");
    }

    [Fact]
    public async Task A_manager_removed_or_demoted_loses_access_at_once()
    {
        var (group, alice, bob, _, dave, _) = await NeighboursAsync();
        var admin2 = await fixture.NewParticipantAsync();
        await fixture.JoinAsync(alice, group, admin2);
        await fixture
            .Get<ChangeGroupRole>()
            .HandleAsync(
                new ChangeGroupRoleCommand(
                    new PersonId(alice.Id),
                    new GroupId(group.Id),
                    new PersonId(admin2.Id),
                    GroupRole.Admin
                )
            );
        var id = (await fixture.WriteAsync(Actor.Person(dave.Id), "Hello managers", group.Id)).Value!.ConversationId;
        (await fixture.Get<GetConversation>().HandleAsync(bob.For(group), new ConversationId(id)))
            .Succeeded.Should()
            .BeTrue();

        await fixture
            .Get<RemoveGroupMember>()
            .HandleAsync(
                new RemoveGroupMemberCommand(new PersonId(alice.Id), new GroupId(group.Id), new PersonId(bob.Id))
            );
        await fixture
            .Get<ChangeGroupRole>()
            .HandleAsync(
                new ChangeGroupRoleCommand(
                    new PersonId(alice.Id),
                    new GroupId(group.Id),
                    new PersonId(admin2.Id),
                    GroupRole.Member
                )
            );

        foreach (var former in new[] { bob, admin2 })
        {
            (await fixture.Get<GetConversation>().HandleAsync(former.For(group), new ConversationId(id)))
                .Problem.Should()
                .BeOfType<NotFound>();
            (await fixture.ReplyAsAsync(former.For(group), id, "still here?")).Problem.Should().BeOfType<NotFound>();
            (await fixture.Get<GetInbox>().HandleAsync(former.For(group))).Problem.Should().BeOfType<NotFound>();
            (await fixture.CountsAsync(former)).Total.Should().Be(0);
        }

        (await fixture.CountsAsync(alice)).ForGroup(group.Id).Should().Be(1);
    }

    [Fact]
    public async Task The_badge_counts_personal_unread_plus_that_of_every_managed_group()
    {
        var (group, alice, _, _, dave, stranger) = await NeighboursAsync();
        var second = await fixture.NewGroupAsync(alice);
        await fixture.WriteAsync(Actor.Person(dave.Id), "to the group", group.Id);
        await fixture.WriteAsync(Actor.Person(dave.Id), "to the second group", second.Id);
        var direct = (await fixture.WriteAsync(Actor.Person(stranger.Id), "to alice", alice.Id)).Value!.ConversationId;
        await fixture.ReplyAsync(stranger, direct, "again");

        var counts = await fixture.CountsAsync(alice);

        counts.Personal.Should().Be(2);
        counts.Groups.Select(g => (g.Group.Id, g.Unread)).Should().BeEquivalentTo([(group.Id, 1), (second.Id, 1)]);
        counts.Total.Should().Be(4);
    }

    [Fact]
    public async Task A_member_may_write_to_their_own_group_and_a_manager_writing_in_person_has_read_it()
    {
        var (group, alice, bob, carol, _, _) = await NeighboursAsync();

        var fromCarol = await fixture.WriteAsync(Actor.Person(carol.Id), "A member writes to the group", group.Id);
        var fromAlice = await fixture.WriteAsync(Actor.Person(alice.Id), "A manager writes to her own group", group.Id);

        fromCarol.Succeeded.Should().BeTrue();
        fromAlice.Succeeded.Should().BeTrue();
        (await fixture.CountsAsync(alice)).ForGroup(group.Id).Should().Be(1, "only carol's message is news to alice");
        (await fixture.CountsAsync(bob)).ForGroup(group.Id).Should().Be(2);
        var aliceInPerson = (
            await fixture
                .Get<GetConversation>()
                .HandleAsync(Actor.Person(alice.Id), new ConversationId(fromAlice.Value!.ConversationId))
        ).Value!;
        aliceInPerson.Others.Select(o => o.Id).Should().Equal(group.Id);
    }

    [Fact]
    public async Task The_search_marks_groups_with_their_member_count_and_a_group_never_finds_itself()
    {
        var (group, alice, _, _, dave, _) = await NeighboursAsync();

        var forDave = (await fixture.Get<SearchRecipients>().HandleAsync(Actor.Person(dave.Id), group.Nickname)).Value!;
        var forGroup = (await fixture.Get<SearchRecipients>().HandleAsync(alice.For(group), group.Nickname)).Value!;
        var aliceFromGroup = (
            await fixture.Get<SearchRecipients>().HandleAsync(alice.For(group), alice.Nickname)
        ).Value!;

        forDave
            .Should()
            .ContainSingle()
            .Which.Should()
            .BeEquivalentTo(new { MemberCount = 3, Profile = new { group.Id, IsGroup = true } });
        forGroup.Should().BeEmpty();
        aliceFromGroup.Select(o => o.Profile.Id).Should().Equal(alice.Id);
    }

    [Fact]
    public async Task A_newly_promoted_manager_sees_only_messages_that_arrive_after_the_promotion_as_unread()
    {
        var (group, alice, _, carol, dave, stranger) = await NeighboursAsync();
        var old = (await fixture.WriteAsync(Actor.Person(dave.Id), "Old news", group.Id)).Value!.ConversationId;
        await fixture.ReplyAsync(dave, old, "More old news");
        await fixture.WriteAsync(Actor.Person(stranger.Id), "Another old one", group.Id);

        await fixture
            .Get<ChangeGroupRole>()
            .HandleAsync(
                new ChangeGroupRoleCommand(
                    new PersonId(alice.Id),
                    new GroupId(group.Id),
                    new PersonId(carol.Id),
                    GroupRole.Admin
                )
            );

        (await fixture.CountsAsync(carol))
            .ForGroup(group.Id)
            .Should()
            .Be(0, "the group's history was there before carol managed it");
        (await fixture.Get<GetInbox>().HandleAsync(carol.For(group)))
            .Value!.Rows.Should()
            .HaveCount(2)
            .And.OnlyContain(r => r.Unread == 0);
        await fixture.ReplyAsync(dave, old, "Fresh news");
        (await fixture.CountsAsync(carol)).ForGroup(group.Id).Should().Be(1);
        (await fixture.CountsAsync(alice))
            .ForGroup(group.Id)
            .Should()
            .Be(4, "the creator's own read state is untouched");
    }

    [Fact]
    public async Task A_re_promoted_manager_starts_reading_again_from_the_moment_of_the_new_promotion()
    {
        var (group, alice, bob, _, dave, _) = await NeighboursAsync();
        var id = (await fixture.WriteAsync(Actor.Person(dave.Id), "While bob manages", group.Id)).Value!.ConversationId;
        await fixture
            .Get<ChangeGroupRole>()
            .HandleAsync(
                new ChangeGroupRoleCommand(
                    new PersonId(alice.Id),
                    new GroupId(group.Id),
                    new PersonId(bob.Id),
                    GroupRole.Member
                )
            );
        await fixture.ReplyAsync(dave, id, "While bob does not");

        await fixture
            .Get<ChangeGroupRole>()
            .HandleAsync(
                new ChangeGroupRoleCommand(
                    new PersonId(alice.Id),
                    new GroupId(group.Id),
                    new PersonId(bob.Id),
                    GroupRole.Admin
                )
            );

        (await fixture.CountsAsync(bob)).ForGroup(group.Id).Should().Be(0);
        await fixture.ReplyAsync(dave, id, "Now bob manages again");
        (await fixture.CountsAsync(bob)).ForGroup(group.Id).Should().Be(1);
    }
}

using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Domain.Relationships;
using Conversations.Tests.Support;

namespace Conversations.Tests.Domain.Safety;

public class ConsentAndBlockingTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    private Task<Result<bool>> FollowAsync(Participant follower, Guid followed, bool follow = true) =>
        fixture.Get<FollowParticipant>().HandleAsync(new PersonId(follower.Id), new ParticipantId(followed), follow);

    private Task<Result<bool>> BlockAsync(Participant blocker, Participant blocked, bool block = true) =>
        fixture.Get<BlockParticipant>().HandleAsync(new PersonId(blocker.Id), new ParticipantId(blocked.Id), block);

    private Task OnlyFollowedAsync(Participant person) =>
        fixture.Get<SetMessagePreference>().HandleAsync(person.Id, WhoMayWrite.OnlyPeopleIFollow);

    [Fact]
    public async Task Following_and_unfollowing_show_in_the_follower_and_following_counts()
    {
        var (alice, bob, carol) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync()
        );

        (await FollowAsync(bob, alice.Id)).Value.Should().BeTrue();
        (await FollowAsync(bob, alice.Id)).Value.Should().BeFalse("following twice changes nothing");
        await FollowAsync(carol, alice.Id);
        await FollowAsync(alice, bob.Id);
        await FollowAsync(carol, alice.Id, follow: false);

        (await fixture.Get<GetRelationship>().HandleAsync(new ParticipantId(alice.Id), new PersonId(bob.Id)))
            .Should()
            .Be(new Relationship(1, 1, true, false));
        (await fixture.Get<GetRelationship>().HandleAsync(new ParticipantId(alice.Id), new PersonId(carol.Id)))
            .Should()
            .Be(new Relationship(1, 1, false, false));
        (await FollowAsync(alice, alice.Id)).Problem.Should().BeOfType<Invalid>();
        (await FollowAsync(alice, Guid.NewGuid())).Problem.Should().BeOfType<NotFound>();
    }

    [Fact]
    public async Task With_allow_anyone_off_only_people_and_groups_they_follow_may_write()
    {
        var (picky, stranger, friend, manager) = (
            await fixture.NewParticipantAsync(name: "Pia Picky"),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync()
        );
        var group = await fixture.NewGroupAsync(manager);
        await OnlyFollowedAsync(picky);
        await FollowAsync(picky, friend.Id);
        await FollowAsync(picky, group.Id);

        var fromStranger = await fixture.StartAsync(stranger, "hello?", picky);
        var fromFriend = await fixture.StartAsync(friend, "hello!", picky);
        var fromManagerInPerson = await fixture.StartAsync(manager, "me, in person", picky);
        var fromGroup = await fixture.WriteAsync(manager.For(group), "us, the group", picky.Id);

        fromStranger.Problem!.InEnglish().Should().Be("Pia Picky does not accept messages from you.");
        fromFriend.Succeeded.Should().BeTrue();
        fromManagerInPerson.Problem.Should().BeOfType<NotAllowed>("the manager in person is not followed");
        fromGroup.Succeeded.Should().BeTrue("a group sender is judged as the group");
        (await fixture.UnreadAsync(picky)).Should().Be(2);
        (await fixture.Get<CheckConsent>().HandleAsync(Actor.Person(stranger.Id), [picky.Id]))
            .Should()
            .ContainSingle()
            .Which.ParticipantId.Should()
            .Be(picky.Id);
    }

    [Fact]
    public async Task Replying_needs_every_other_participant_to_accept_but_reading_is_never_blocked()
    {
        var (alice, bob, carol) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(name: "Carol Closed")
        );
        var id = (await fixture.StartAsync(alice, "three of us", bob, carol)).Value!.ConversationId;
        await FollowAsync(carol, alice.Id);
        await OnlyFollowedAsync(carol);

        var fromBob = await fixture.ReplyAsync(bob, id, "can I still write?");
        var fromAlice = await fixture.ReplyAsync(alice, id, "carol follows me");

        fromBob.Problem.Should().Be(new NotAllowed(ProblemCodes.NotAccepting, "Carol Closed"));
        fromAlice.Succeeded.Should().BeTrue();
        var bobView = (
            await fixture.Get<GetConversation>().HandleAsync(Actor.Person(bob.Id), new ConversationId(id))
        ).Value!;
        bobView.Messages.Select(m => m.Body).Should().Equal("three of us", "carol follows me");
        bobView.CannotReplyBecause!.InEnglish().Should().Be("Carol Closed does not accept messages from you.");
        (await fixture.Get<GetConversation>().HandleAsync(Actor.Person(alice.Id), new ConversationId(id)))
            .Value!.CannotReplyBecause.Should()
            .BeNull();
        (await fixture.Get<MarkRead>().HandleAsync(Actor.Person(bob.Id), new ConversationId(id)))
            .Succeeded.Should()
            .BeTrue();
    }

    [Fact]
    public async Task Groups_accept_everyone()
    {
        var (manager, anyone) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var group = await fixture.NewGroupAsync(manager);

        (await fixture.WriteAsync(Actor.Person(anyone.Id), "hello group", group.Id)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task A_blocked_person_can_neither_start_nor_continue_nor_find_the_blocker_and_is_told_only_that_they_are_not_accepted()
    {
        var (blocker, blocked, other) = (
            await fixture.NewParticipantAsync("blk_blocker", name: "Bea Blocker"),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync()
        );
        var id = (await fixture.StartAsync(blocked, "before the block", blocker, other)).Value!.ConversationId;

        (await BlockAsync(blocker, blocked)).Value.Should().BeTrue();

        var reply = await fixture.ReplyAsync(blocked, id, "after the block");
        var start = await fixture.StartAsync(blocked, "a new one", blocker);
        reply.Problem!.InEnglish().Should().Be("Bea Blocker does not accept messages from you.");
        start.Problem.Should().Be(new NotAllowed(ProblemCodes.NotAccepting, "Bea Blocker"));
        (await fixture.Get<SearchRecipients>().HandleAsync(Actor.Person(blocked.Id), "blk_blocker"))
            .Value!.Should()
            .BeEmpty();
        (await fixture.Get<SearchRecipients>().HandleAsync(Actor.Person(other.Id), "blk_blocker"))
            .Value!.Should()
            .ContainSingle();
        (await fixture.Get<GetConversation>().HandleAsync(Actor.Person(blocked.Id), new ConversationId(id)))
            .Value!.Messages.Should()
            .ContainSingle("reading old messages is never blocked");
        (await fixture.Get<GetRelationship>().HandleAsync(new ParticipantId(blocker.Id), new PersonId(blocked.Id)))
            .ViewerBlocked.Should()
            .BeFalse("the blocked one is never told");
        (await fixture.ReplyAsync(other, id, "others still may")).Problem.Should().BeNull();
        (await fixture.Get<ListBlocked>().HandleAsync(blocker.Id)).Select(p => p.Id).Should().Equal(blocked.Id);

        (await BlockAsync(blocker, blocked, block: false)).Value.Should().BeTrue();
        (await fixture.ReplyAsync(blocked, id, "unblocked")).Succeeded.Should().BeTrue();
        (await fixture.Get<ListBlocked>().HandleAsync(blocker.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_search_shows_who_does_not_accept_you_with_the_reason()
    {
        var (searcher, picky) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync("picky_person", name: "Pat Picky")
        );
        await OnlyFollowedAsync(picky);

        var before = (
            await fixture.Get<SearchRecipients>().HandleAsync(Actor.Person(searcher.Id), "picky_person")
        ).Value!;
        await FollowAsync(picky, searcher.Id);
        var after = (
            await fixture.Get<SearchRecipients>().HandleAsync(Actor.Person(searcher.Id), "picky_person")
        ).Value!;

        before
            .Should()
            .ContainSingle()
            .Which.Refusal!.InEnglish()
            .Should()
            .Be("Pat Picky does not accept messages from you.");
        after.Should().ContainSingle().Which.Refusal.Should().BeNull();
    }

    [Fact]
    public async Task A_block_holds_for_every_group_the_blocked_person_manages_whoever_writes_in_its_name_and_for_every_group_the_blocker_manages()
    {
        var (alice, mallory, carol, bob) = (
            await fixture.NewParticipantAsync(name: "Alice Guarded"),
            await fixture.NewParticipantAsync(name: "Mallory Pest"),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync()
        );
        var mallorys = await fixture.NewGroupAsync(mallory, admins: [carol]);
        var alices = await fixture.NewGroupAsync(bob, admins: [alice]);
        var before = (await fixture.WriteAsync(carol.For(mallorys), "written before the block", alice.Id))
            .Value!
            .ConversationId;
        await BlockAsync(alice, mallory);

        var asGroup = await fixture.WriteAsync(mallory.For(mallorys), "it's me, in the group's name", alice.Id);
        var byCoManager = await fixture.WriteAsync(carol.For(mallorys), "from the group, by carol", alice.Id);
        var toAlicesGroup = await fixture.WriteAsync(Actor.Person(mallory.Id), "to the group alice manages", alices.Id);
        var answeringThere = await fixture.ReplyAsAsync(mallory.For(mallorys), before, "answering in the group's name");
        var prepared = await fixture.Get<PrepareConversation>().HandleAsync(Actor.Person(mallory.Id), [alice.Nickname]);

        asGroup
            .Problem.Should()
            .Be(Consent.NotAccepting(["Alice Guarded"]), "the same words as any refusal: the block stays private");
        byCoManager
            .Problem.Should()
            .BeOfType<NotAllowed>("a group mallory manages cannot reach alice, whoever writes in its name");
        toAlicesGroup.Problem.Should().BeOfType<NotAllowed>("nor can mallory reach alice through a group she manages");
        answeringThere
            .Problem.Should()
            .BeOfType<NotAllowed>("the conversation from before the block is closed to the group");
        prepared
            .Problem.Should()
            .Be(
                asGroup.Problem,
                "the new-conversation page says so before a word is typed (the group's page leads to the conversation it has, which says it instead of a reply box)"
            );
        (await fixture.WriteAsync(Actor.Person(bob.Id), "bob is not blocked", alices.Id)).Succeeded.Should().BeTrue();
        (await fixture.WriteAsync(Actor.Person(carol.Id), "carol, in her own name, is not blocked", alice.Id))
            .Succeeded.Should()
            .BeTrue();
    }

    [Fact]
    public async Task A_person_blocks_a_group_and_nobody_writing_as_it_reaches_them_until_they_unblock_it()
    {
        var (alice, manager) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var group = await fixture.NewGroupAsync(manager);

        (await fixture.Get<BlockParticipant>().HandleAsync(new PersonId(alice.Id), new ParticipantId(group.Id)))
            .Value.Should()
            .BeTrue();
        var blocked = await fixture.WriteAsync(manager.For(group), "from the group", alice.Id);
        (
            await fixture
                .Get<BlockParticipant>()
                .HandleAsync(new PersonId(alice.Id), new ParticipantId(group.Id), block: false)
        )
            .Value.Should()
            .BeTrue();
        var unblocked = await fixture.WriteAsync(manager.For(group), "from the group, again", alice.Id);

        blocked.Problem.Should().BeOfType<NotAllowed>();
        (await fixture.WriteAsync(Actor.Person(manager.Id), "the manager in their own name", alice.Id))
            .Succeeded.Should()
            .BeTrue("the block is of the group, not of its people");
        unblocked.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Someone_who_is_not_accepted_learns_it_on_the_new_conversation_page_before_typing()
    {
        var (picky, stranger) = (
            await fixture.NewParticipantAsync(name: "Pia Private"),
            await fixture.NewParticipantAsync()
        );
        await OnlyFollowedAsync(picky);

        var prepared = await fixture
            .Get<PrepareConversation>()
            .HandleAsync(Actor.Person(stranger.Id), [picky.Nickname]);

        prepared.Problem.Should().Be(Consent.NotAccepting(["Pia Private"]));
    }
}

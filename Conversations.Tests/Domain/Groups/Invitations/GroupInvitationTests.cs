using Conversations.Domain.Common;
using Conversations.Domain.Groups;
using Conversations.Domain.Messaging;
using Conversations.Domain.Relationships;
using Conversations.Tests.Support;

namespace Conversations.Tests.Domain.Groups;

/// <summary>Nobody is put in a group: a manager invites, the person accepts or declines, and a block stops the invitation.</summary>
public class GroupInvitationTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    [Fact]
    public async Task Someone_alice_blocked_cannot_reach_her_through_a_group_of_theirs_nor_make_her_its_admin()
    {
        var (alice, mallory) = (
            await fixture.NewParticipantAsync(name: "Alice Blocker"),
            await fixture.NewParticipantAsync(name: "Mallory Pest")
        );
        await fixture.Get<BlockParticipant>().HandleAsync(new PersonId(alice.Id), new ParticipantId(mallory.Id));
        var group = await fixture.NewGroupAsync(mallory);

        var invited = await fixture
            .Get<InviteToGroup>()
            .HandleAsync(new InviteToGroupCommand(new PersonId(mallory.Id), new GroupId(group.Id), alice.Nickname));
        var promoted = await fixture
            .Get<ChangeGroupRole>()
            .HandleAsync(
                new ChangeGroupRoleCommand(
                    new PersonId(mallory.Id),
                    new GroupId(group.Id),
                    new PersonId(alice.Id),
                    GroupRole.Admin
                )
            );
        await fixture.WriteAsync(Actor.Person(mallory.Id), "Hello, group", group.Id);

        invited.Succeeded.Should().BeTrue("the inviter is not told about the block");
        (await fixture.Get<PendingInvitations>().ListAsync(new PersonId(mallory.Id), new GroupId(group.Id)))
            .Value.Should()
            .ContainSingle(
                p => p.Person.Id == alice.Id,
                "to the managers it is an invitation nobody answered, like any other"
            );
        (
            await fixture
                .Get<InviteToGroup>()
                .HandleAsync(new InviteToGroupCommand(new PersonId(mallory.Id), new GroupId(group.Id), alice.Nickname))
        )
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Should()
            .ContainSingle(
                e => e.Code == ProblemCodes.InviteAlreadyInvited,
                "inviting again says what it says of any unanswered invitation"
            );
        (await fixture.Get<ListGroupInvitations>().HandleAsync(alice.Id)).Should().BeEmpty("alice never receives it");
        (
            await fixture
                .Get<AnswerGroupInvitation>()
                .HandleAsync(new PersonId(alice.Id), new GroupId(group.Id), accept: true)
        )
            .Problem.Should()
            .Be(AnswerGroupInvitation.InvitationNotFound);
        promoted.Succeeded.Should().BeFalse();
        (await fixture.GroupAsync(group)).Members.Should().NotContain(m => m.Person.Id == alice.Id);
        (await fixture.Get<ListGroupsOf>().HandleAsync(alice.Id))
            .Should()
            .BeEmpty("her profile lists no group of mallory's");
        (await fixture.CountsAsync(alice)).Total.Should().Be(0);
    }

    [Fact]
    public async Task An_invited_person_is_not_a_member_until_they_accept_and_only_they_can_answer()
    {
        var (creator, bob, stranger) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync()
        );
        var group = await fixture.NewGroupAsync(creator);

        (
            await fixture
                .Get<InviteToGroup>()
                .HandleAsync(new InviteToGroupCommand(new PersonId(creator.Id), new GroupId(group.Id), bob.Nickname))
        )
            .Succeeded.Should()
            .BeTrue();

        (await fixture.GroupAsync(group))
            .Members.Should()
            .NotContain(m => m.Person.Id == bob.Id, "not listed until he accepts");
        (await fixture.Get<ListGroupsOf>().HandleAsync(bob.Id)).Should().BeEmpty();
        (
            await fixture
                .Get<ChangeGroupRole>()
                .HandleAsync(
                    new ChangeGroupRoleCommand(
                        new PersonId(creator.Id),
                        new GroupId(group.Id),
                        new PersonId(bob.Id),
                        GroupRole.Admin
                    )
                )
        )
            .Succeeded.Should()
            .BeFalse();
        var pending = (await fixture.Get<ListGroupInvitations>().HandleAsync(bob.Id)).Should().ContainSingle().Subject;
        pending.Group.Id.Should().Be(group.Id);
        pending.InvitedBy.Id.Should().Be(creator.Id);
        (
            await fixture
                .Get<AnswerGroupInvitation>()
                .HandleAsync(new PersonId(stranger.Id), new GroupId(group.Id), accept: true)
        )
            .Problem.Should()
            .Be(AnswerGroupInvitation.InvitationNotFound);

        (
            await fixture
                .Get<AnswerGroupInvitation>()
                .HandleAsync(new PersonId(bob.Id), new GroupId(group.Id), accept: true)
        )
            .Value.Should()
            .BeTrue();

        (await fixture.GroupAsync(group))
            .Members.Should()
            .ContainSingle(m => m.Person.Id == bob.Id)
            .Which.Role.Should()
            .Be(GroupRole.Member);
        (await fixture.Get<ListGroupsOf>().HandleAsync(bob.Id)).Should().ContainSingle();
        (await fixture.Get<ListGroupInvitations>().HandleAsync(bob.Id)).Should().BeEmpty();
        (
            await fixture
                .Get<AnswerGroupInvitation>()
                .HandleAsync(new PersonId(bob.Id), new GroupId(group.Id), accept: true)
        )
            .Problem.Should()
            .Be(AnswerGroupInvitation.InvitationNotFound, "answered once");
        (await fixture.GroupAsync(group)).Members.Should().NotContain(m => m.Person.Id == stranger.Id);
    }

    [Fact]
    public async Task Declining_forgets_the_invitation_and_an_invitation_from_someone_blocked_since_disappears()
    {
        var (creator, carol, dan) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync()
        );
        var group = await fixture.NewGroupAsync(creator);
        await fixture
            .Get<InviteToGroup>()
            .HandleAsync(new InviteToGroupCommand(new PersonId(creator.Id), new GroupId(group.Id), carol.Nickname));
        await fixture
            .Get<InviteToGroup>()
            .HandleAsync(new InviteToGroupCommand(new PersonId(creator.Id), new GroupId(group.Id), dan.Nickname));

        (
            await fixture
                .Get<AnswerGroupInvitation>()
                .HandleAsync(new PersonId(carol.Id), new GroupId(group.Id), accept: false)
        )
            .Value.Should()
            .BeFalse();
        await fixture.Get<BlockParticipant>().HandleAsync(new PersonId(dan.Id), new ParticipantId(creator.Id));

        (await fixture.Get<ListGroupInvitations>().HandleAsync(carol.Id)).Should().BeEmpty();
        (await fixture.Get<ListGroupInvitations>().HandleAsync(dan.Id))
            .Should()
            .BeEmpty("dan blocked the inviter after the invitation");
        (await fixture.GroupAsync(group)).Members.Select(m => m.Person.Id).Should().Equal(creator.Id);
        (
            await fixture
                .Get<InviteToGroup>()
                .HandleAsync(new InviteToGroupCommand(new PersonId(creator.Id), new GroupId(group.Id), carol.Nickname))
        )
            .Succeeded.Should()
            .BeTrue("after declining, a new invitation may come");
    }

    [Fact]
    public async Task Managers_see_who_has_not_answered_and_may_withdraw_an_invitation_others_see_none()
    {
        var (creator, admin, member, invitee) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(name: "Ines Invited")
        );
        var group = await fixture.NewGroupAsync(creator, admins: [admin], members: [member]);
        await fixture
            .Get<InviteToGroup>()
            .HandleAsync(new InviteToGroupCommand(new PersonId(creator.Id), new GroupId(group.Id), invitee.Nickname));
        var invitations = fixture.Get<PendingInvitations>();

        var seenByAdmin = (await invitations.ListAsync(new PersonId(admin.Id), new GroupId(group.Id))).Value!;
        var seenByMember = await invitations.ListAsync(new PersonId(member.Id), new GroupId(group.Id));
        var withdrawnByMember = await invitations.WithdrawAsync(
            new PersonId(member.Id),
            new GroupId(group.Id),
            new PersonId(invitee.Id)
        );

        seenByAdmin
            .Should()
            .ContainSingle()
            .Which.Should()
            .Match<PendingInvitation>(p => p.Person.Id == invitee.Id && p.InvitedBy.Id == creator.Id);
        seenByMember.Problem.Should().Be(GroupGate.OnlyManagers);
        withdrawnByMember.Problem.Should().Be(GroupGate.OnlyManagers);
        (await fixture.Get<ListGroupInvitations>().HandleAsync(invitee.Id))
            .Should()
            .ContainSingle("a plain member withdrew nothing");

        (await invitations.WithdrawAsync(new PersonId(admin.Id), new GroupId(group.Id), new PersonId(invitee.Id)))
            .Succeeded.Should()
            .BeTrue();

        (await invitations.ListAsync(new PersonId(creator.Id), new GroupId(group.Id))).Value.Should().BeEmpty();
        (await fixture.Get<ListGroupInvitations>().HandleAsync(invitee.Id)).Should().BeEmpty();
        (
            await fixture
                .Get<AnswerGroupInvitation>()
                .HandleAsync(new PersonId(invitee.Id), new GroupId(group.Id), accept: true)
        )
            .Problem.Should()
            .Be(AnswerGroupInvitation.InvitationNotFound);
        (await invitations.WithdrawAsync(new PersonId(admin.Id), new GroupId(group.Id), new PersonId(invitee.Id)))
            .Problem.Should()
            .Be(AnswerGroupInvitation.InvitationNotFound);
    }
}

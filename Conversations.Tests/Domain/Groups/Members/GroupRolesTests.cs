using Conversations.Domain.Common;
using Conversations.Domain.Groups;
using Conversations.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Tests.Domain.Groups;

public class GroupRolesTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    [Fact]
    public async Task Creating_a_group_makes_the_creator_its_first_manager()
    {
        var creator = await fixture.NewParticipantAsync();

        var created = await fixture
            .Get<CreateGroup>()
            .HandleAsync(
                new CreateGroupCommand(
                    creator.Id,
                    "  Garden Friends ",
                    "@Garden_Friends",
                    "We grow things.\r\nTogether."
                )
            );

        created
            .Value.Should()
            .BeEquivalentTo(
                new
                {
                    DisplayName = "Garden Friends",
                    Nickname = "garden_friends",
                    About = "We grow things.\nTogether.",
                    IsGroup = true,
                    PictureVersion = 0,
                }
            );
        var view = await fixture.GroupAsync(created.Value!, creator);
        view.Members.Should()
            .ContainSingle()
            .Which.Should()
            .BeEquivalentTo(new { Role = GroupRole.Creator, Person = new { creator.Id } });
        view.ViewerIsManager.Should().BeTrue();
        (await fixture.Get<ListGroupsOf>().HandleAsync(creator.Id))
            .Should()
            .ContainSingle()
            .Which.Should()
            .BeEquivalentTo(new { Role = GroupRole.Creator, Group = new { created.Value!.Id } });
    }

    [Fact]
    public async Task Groups_and_people_share_one_nickname_namespace()
    {
        var person = await fixture.NewParticipantAsync("shared_name");
        var group = await fixture.NewGroupAsync(person, nickname: "group_first");

        var groupTakingPerson = await fixture
            .Get<CreateGroup>()
            .HandleAsync(new CreateGroupCommand(person.Id, "Copycat", "SHARED_NAME", ""));
        var personTakingGroup = await fixture.RegisterAsync("group_first", email: "someone-new@example.org");

        groupTakingPerson
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Should()
            .ContainSingle()
            .Which.Should()
            .Be(new FieldError("Nickname", ProblemCodes.NicknameTaken, "shared_name"));
        personTakingGroup
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Should()
            .Contain(e => e.Field == "Nickname");
        (await fixture.CountParticipantsAsync("group_first")).Should().Be(1);
        group.IsGroup.Should().BeTrue();
    }

    [Fact]
    public async Task Bad_group_input_is_refused_field_by_field_and_nothing_is_stored()
    {
        var creator = await fixture.NewParticipantAsync();

        var result = await fixture
            .Get<CreateGroup>()
            .HandleAsync(
                new CreateGroupCommand(
                    creator.Id,
                    "   ",
                    "no",
                    new string('d', 501),
                    "<svg onload=alert(1)>"u8.ToArray()
                )
            );

        result
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Select(e => e.Field)
            .Should()
            .BeEquivalentTo(["Name", "Nickname", "Description", "Picture"]);
        (await fixture.Get<ListGroupsOf>().HandleAsync(creator.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_group_has_no_email_and_no_password_so_it_can_never_sign_in()
    {
        var group = await fixture.NewGroupAsync(await fixture.NewParticipantAsync());

        await using var db = await fixture.DbAsync();
        var row = await db.Participants.SingleAsync(p => p.Id == group.Id);
        (row.Email, row.UserName, row.PasswordHash).Should().Be((null, null, null));
    }

    [Fact]
    public async Task Managers_invite_people_by_nickname_once_and_never_a_group_and_they_join_as_plain_members_when_they_accept()
    {
        var (creator, admin, newcomer) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync()
        );
        var group = await fixture.NewGroupAsync(creator, admins: [admin]);
        var other = await fixture.NewGroupAsync(creator);

        var invited = await fixture
            .Get<InviteToGroup>()
            .HandleAsync(
                new InviteToGroupCommand(
                    new PersonId(admin.Id),
                    new GroupId(group.Id),
                    "@" + newcomer.Nickname.ToUpperInvariant()
                )
            );
        var twice = await fixture
            .Get<InviteToGroup>()
            .HandleAsync(new InviteToGroupCommand(new PersonId(admin.Id), new GroupId(group.Id), newcomer.Nickname));
        var aGroup = await fixture
            .Get<InviteToGroup>()
            .HandleAsync(new InviteToGroupCommand(new PersonId(admin.Id), new GroupId(group.Id), other.Nickname));
        var nobody = await fixture
            .Get<InviteToGroup>()
            .HandleAsync(new InviteToGroupCommand(new PersonId(admin.Id), new GroupId(group.Id), "no_such_person"));

        invited.Value!.PersonId.Should().Be(newcomer.Id);
        twice.Problem!.InEnglish().Should().Be($"@{newcomer.Nickname} is already invited: they have not answered yet.");
        aGroup
            .Problem!.InEnglish()
            .Should()
            .Be($"@{other.Nickname} is a group: only people can be members of a group.");
        nobody.Problem!.InEnglish().Should().Be("Nobody is called @no_such_person: check the nickname.");
        (await fixture.GroupAsync(group)).MemberCount.Should().Be(2, "an invitation is not a membership");

        (
            await fixture
                .Get<AnswerGroupInvitation>()
                .HandleAsync(new PersonId(newcomer.Id), new GroupId(group.Id), accept: true)
        )
            .Value.Should()
            .BeTrue();
        (await fixture.GroupAsync(group))
            .Members.Should()
            .Contain(m => m.Person.Id == newcomer.Id && m.Role == GroupRole.Member);
        (
            await fixture
                .Get<InviteToGroup>()
                .HandleAsync(new InviteToGroupCommand(new PersonId(admin.Id), new GroupId(group.Id), newcomer.Nickname))
        )
            .Problem!.InEnglish()
            .Should()
            .Be($"@{newcomer.Nickname} is already a member of this group.");
    }

    [Fact]
    public async Task A_plain_member_or_a_stranger_cannot_add_promote_demote_or_remove_anyone()
    {
        var (creator, admin, member, stranger, someone) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync()
        );
        var group = await fixture.NewGroupAsync(creator, admins: [admin], members: [member]);
        var before = await fixture.GroupAsync(group);

        foreach (var outsider in new[] { member, stranger })
        {
            var attempts = new Problem?[]
            {
                (
                    await fixture
                        .Get<InviteToGroup>()
                        .HandleAsync(
                            new InviteToGroupCommand(new PersonId(outsider.Id), new GroupId(group.Id), someone.Nickname)
                        )
                ).Problem,
                (
                    await fixture
                        .Get<ChangeGroupRole>()
                        .HandleAsync(
                            new ChangeGroupRoleCommand(
                                new PersonId(outsider.Id),
                                new GroupId(group.Id),
                                new PersonId(member.Id),
                                GroupRole.Admin
                            )
                        )
                ).Problem,
                (
                    await fixture
                        .Get<ChangeGroupRole>()
                        .HandleAsync(
                            new ChangeGroupRoleCommand(
                                new PersonId(outsider.Id),
                                new GroupId(group.Id),
                                new PersonId(admin.Id),
                                GroupRole.Member
                            )
                        )
                ).Problem,
                (
                    await fixture
                        .Get<RemoveGroupMember>()
                        .HandleAsync(
                            new RemoveGroupMemberCommand(
                                new PersonId(outsider.Id),
                                new GroupId(group.Id),
                                new PersonId(admin.Id)
                            )
                        )
                ).Problem,
            };
            attempts.Should().AllSatisfy(p => p.Should().Be(new NotAllowed(ProblemCodes.GroupManagersOnly)));
        }

        (await fixture.GroupAsync(group)).Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task Managers_promote_and_demote_admins_but_never_touch_the_creator()
    {
        var (creator, admin, member) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync()
        );
        var group = await fixture.NewGroupAsync(creator, admins: [admin], members: [member]);

        (
            await fixture
                .Get<ChangeGroupRole>()
                .HandleAsync(
                    new ChangeGroupRoleCommand(
                        new PersonId(admin.Id),
                        new GroupId(group.Id),
                        new PersonId(member.Id),
                        GroupRole.Admin
                    )
                )
        )
            .Value!.Role.Should()
            .Be(GroupRole.Admin);
        (
            await fixture
                .Get<ChangeGroupRole>()
                .HandleAsync(
                    new ChangeGroupRoleCommand(
                        new PersonId(member.Id),
                        new GroupId(group.Id),
                        new PersonId(admin.Id),
                        GroupRole.Member
                    )
                )
        )
            .Value!.Role.Should()
            .Be(GroupRole.Member);
        (
            await fixture
                .Get<ChangeGroupRole>()
                .HandleAsync(
                    new ChangeGroupRoleCommand(
                        new PersonId(member.Id),
                        new GroupId(group.Id),
                        new PersonId(creator.Id),
                        GroupRole.Member
                    )
                )
        )
            .Problem!.InEnglish()
            .Should()
            .Be("The creator's role cannot be changed.");
        (
            await fixture
                .Get<ChangeGroupRole>()
                .HandleAsync(
                    new ChangeGroupRoleCommand(
                        new PersonId(creator.Id),
                        new GroupId(group.Id),
                        new PersonId(member.Id),
                        GroupRole.Creator
                    )
                )
        )
            .Problem.Should()
            .BeOfType<NotAllowed>();
        (
            await fixture
                .Get<RemoveGroupMember>()
                .HandleAsync(
                    new RemoveGroupMemberCommand(
                        new PersonId(member.Id),
                        new GroupId(group.Id),
                        new PersonId(creator.Id)
                    )
                )
        )
            .Problem!.InEnglish()
            .Should()
            .Be("The group's creator cannot be removed.");

        (await fixture.GroupAsync(group))
            .Members.Select(m => (m.Person.Id, m.Role))
            .Should()
            .BeEquivalentTo([
                (creator.Id, GroupRole.Creator),
                (member.Id, GroupRole.Admin),
                (admin.Id, GroupRole.Member),
            ]);
    }

    [Fact]
    public async Task Members_leave_but_the_only_manager_cannot_until_someone_else_manages()
    {
        var (creator, member) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var group = await fixture.NewGroupAsync(creator, members: [member]);

        var creatorAlone = await fixture.Get<LeaveGroup>().HandleAsync(new PersonId(creator.Id), new GroupId(group.Id));
        creatorAlone
            .Problem!.InEnglish()
            .Should()
            .Be("You are the group's only manager: make another member an admin before you leave.");

        await fixture
            .Get<ChangeGroupRole>()
            .HandleAsync(
                new ChangeGroupRoleCommand(
                    new PersonId(creator.Id),
                    new GroupId(group.Id),
                    new PersonId(member.Id),
                    GroupRole.Admin
                )
            );
        (await fixture.Get<LeaveGroup>().HandleAsync(new PersonId(creator.Id), new GroupId(group.Id)))
            .Value.Should()
            .BeTrue();
        (await fixture.Get<LeaveGroup>().HandleAsync(new PersonId(member.Id), new GroupId(group.Id)))
            .Problem.Should()
            .BeOfType<NotAllowed>("the admin is now the only manager");
        (await fixture.Get<LeaveGroup>().HandleAsync(new PersonId(creator.Id), new GroupId(group.Id)))
            .Problem.Should()
            .BeOfType<NotFound>("they already left");

        (await fixture.GroupAsync(group)).Members.Should().ContainSingle().Which.Person.Id.Should().Be(member.Id);
    }

    [Fact]
    public async Task Two_managers_leaving_at_the_same_moment_still_leave_one_manager()
    {
        for (var round = 0; round < 5; round++)
        {
            var (creator, admin) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
            var group = await fixture.NewGroupAsync(creator, admins: [admin]);

            var results = await Task.WhenAll(
                fixture.Get<LeaveGroup>().HandleAsync(new PersonId(creator.Id), new GroupId(group.Id)),
                fixture.Get<LeaveGroup>().HandleAsync(new PersonId(admin.Id), new GroupId(group.Id))
            );

            results.Count(r => r.Succeeded).Should().Be(1);
            (await fixture.GroupAsync(group)).Members.Should().ContainSingle().Which.Role.IsManager().Should().BeTrue();
        }
    }

    [Fact]
    public async Task A_group_page_is_public_and_an_unknown_group_is_not_found()
    {
        var (creator, visitor) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var group = await fixture.NewGroupAsync(creator);

        (await fixture.GroupAsync(group, visitor)).ViewerRole.Should().BeNull();
        (await fixture.Get<GetGroup>().HandleAsync(group.Nickname, null)).Value!.MemberCount.Should().Be(1);
        (await fixture.Get<GetGroup>().HandleAsync("no_such_group", visitor.Id)).Problem.Should().BeOfType<NotFound>();
        (await fixture.Get<GetGroup>().HandleAsync(creator.Nickname, visitor.Id))
            .Problem.Should()
            .BeOfType<NotFound>("a person is not a group");
    }
}

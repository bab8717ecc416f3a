using Conversations.Domain.Common;
using Conversations.Domain.Groups;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Domain.Relationships;
using Conversations.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Tests.Domain.Safety;

public class DeletedAccountTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    private Task<Result<bool>> DeleteAsync(
        Participant person,
        string? password = Registering.Password,
        bool confirmed = true
    ) =>
        fixture.InScopeAsync<DeleteAccount, Result<bool>>(d =>
            d.HandleAsync(new DeleteAccountCommand(person.Id, password, confirmed))
        );

    [Fact]
    public async Task Deleting_erases_personal_data_keeps_messages_as_deleted_participant_and_reserves_the_nickname()
    {
        var (leaver, friend) = (
            await fixture.NewParticipantAsync("leaving_one", name: "Lea Leaver"),
            await fixture.NewParticipantAsync()
        );
        await fixture
            .Get<UpdateProfile>()
            .HandleAsync(leaver.Id, new ProfileChanges("Lea Leaver", "Private things about me"));
        await fixture.Get<SetProfilePicture>().HandleAsync(leaver.Id, TestPictures.Png());
        await fixture.Get<FollowParticipant>().HandleAsync(new PersonId(friend.Id), new ParticipantId(leaver.Id));
        await fixture.Get<ParticipantTimeZone>().SetAsync(leaver.Id, "Europe/Lisbon");
        var id = (await fixture.StartAsync(leaver, "my last words", friend)).Value!.ConversationId;

        (await DeleteAsync(leaver)).Value.Should().BeTrue();

        await using var db = await fixture.DbAsync();
        var row = await db.Participants.AsNoTracking().SingleAsync(p => p.Id == leaver.Id);
        row.Should()
            .BeEquivalentTo(
                new
                {
                    DisplayName = "Deleted participant",
                    About = "",
                    PictureVersion = 0,
                    Email = (string?)null,
                    UserName = (string?)null,
                    PasswordHash = (string?)null,
                    Nickname = "leaving_one",
                    TimeZone = (string?)null,
                }
            );
        row.DeletedAt.Should().NotBeNull();
        (await db.ParticipantPictures.CountAsync(p => p.ParticipantId == leaver.Id)).Should().Be(0);
        (await db.Follows.CountAsync(f => f.FollowedId == leaver.Id || f.FollowerId == leaver.Id)).Should().Be(0);
        var view = (
            await fixture.Get<GetConversation>().HandleAsync(Actor.Person(friend.Id), new ConversationId(id))
        ).Value!;
        view.Messages.Should().ContainSingle().Which.Body.Should().Be("my last words");
        view.Others.Should()
            .ContainSingle()
            .Which.Should()
            .BeEquivalentTo(
                new
                {
                    DisplayName = "Deleted participant",
                    IsDeleted = true,
                    HasPicture = false,
                }
            );
        view.CannotReplyBecause!.InEnglish()
            .Should()
            .Be("Everyone else in this conversation has deleted their account, so it is read-only.");
        (await fixture.ReplyAsync(friend, id, "hello?")).Problem.Should().BeOfType<NotAllowed>();
        (await fixture.RegisterAsync("leaving_one", email: "impostor@example.org"))
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Should()
            .Contain(e => e.Field == "Nickname");
        (await fixture.Get<FindProfile>().ByNicknameAsync("leaving_one")).Should().BeNull();
    }

    [Fact]
    public async Task A_deleted_account_can_never_sign_in_or_act_again()
    {
        var leaver = await fixture.NewParticipantAsync();
        var other = await fixture.NewParticipantAsync();
        var id = (await fixture.StartAsync(other, "hi", leaver)).Value!.ConversationId;
        var email = leaver.Email!;

        await DeleteAsync(leaver);

        await fixture.InScopeAsync<UserManager<Participant>, bool>(async users =>
        {
            (await users.FindByEmailAsync(email)).Should().BeNull();
            (await users.FindByNameAsync(email)).Should().BeNull();
            return true;
        });
        (await fixture.Get<GetConversation>().HandleAsync(Actor.Person(leaver.Id), new ConversationId(id)))
            .Problem.Should()
            .BeOfType<NotFound>();
        (await fixture.ReplyAsync(leaver, id, "from beyond")).Problem.Should().BeOfType<NotFound>();
        (await fixture.StartAsync(leaver, "from beyond", other)).Problem.Should().BeOfType<NotFound>();
        (await fixture.Get<GetInbox>().HandleAsync(Actor.Person(leaver.Id))).Problem.Should().BeOfType<NotFound>();
        (await DeleteAsync(leaver)).Problem.Should().BeOfType<NotFound>();
    }

    [Fact]
    public async Task Without_confirmation_or_with_a_wrong_password_nothing_is_deleted()
    {
        var person = await fixture.NewParticipantAsync(name: "Stay Here");

        (await DeleteAsync(person, confirmed: false))
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Single()
            .Field.Should()
            .Be("Confirmed");
        (await DeleteAsync(person, password: "wrong-password"))
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Should()
            .Equal(new FieldError("Password", ProblemCodes.PasswordWrong));
        (await DeleteAsync(person, password: null)).Problem.Should().BeOfType<Invalid>();

        (await fixture.Get<FindProfile>().ByIdAsync(person.Id))!.DisplayName.Should().Be("Stay Here");
    }

    [Fact]
    public async Task Five_wrong_passwords_in_a_row_hold_deletion_for_five_minutes_even_with_the_right_one()
    {
        var person = await fixture.NewParticipantAsync(name: "Borrowed Session");
        for (var i = 0; i < 5; i++)
        {
            (await DeleteAsync(person, password: $"guess-{i}")).Problem.Should().BeOfType<Invalid>();
        }

        var held = await DeleteAsync(person);

        held.Problem.Should()
            .BeOfType<TooManyPasswordTries>()
            .Which.RetryAfter.Should()
            .BeCloseTo(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30));
        held.Problem!.InEnglish().Should().Be("Too many wrong passwords in a row: try again in 5 minutes.");
        (await fixture.Get<FindProfile>().ByIdAsync(person.Id))!.DisplayName.Should().Be("Borrowed Session");
    }

    [Fact]
    public async Task The_right_password_starts_the_count_of_wrong_ones_again()
    {
        var person = await fixture.NewParticipantAsync();
        for (var i = 0; i < 4; i++)
        {
            await DeleteAsync(person, password: $"guess-{i}");
        }

        (await DeleteAsync(person, confirmed: true, password: Registering.Password))
            .Succeeded.Should()
            .BeTrue("four wrong tries do not hold it");
    }

    [Fact]
    public async Task Others_can_go_on_when_one_of_several_is_deleted_but_nobody_can_start_with_a_deleted_account()
    {
        var (alice, bob, leaver) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync("gone_soon")
        );
        var id = (await fixture.StartAsync(alice, "three", bob, leaver)).Value!.ConversationId;

        await DeleteAsync(leaver);

        (await fixture.ReplyAsync(bob, id, "still two of us")).Succeeded.Should().BeTrue();
        (await fixture.StartAsync(alice, "new", leaver))
            .Problem!.InEnglish()
            .Should()
            .Be("One of the recipients has deleted their account: remove them and try again.");
        (await fixture.Get<SearchRecipients>().HandleAsync(Actor.Person(alice.Id), "gone_soon"))
            .Value!.Should()
            .BeEmpty();
    }

    [Fact]
    public async Task A_group_whose_last_manager_is_deleted_gets_its_oldest_member_promoted()
    {
        var (creator, oldest, newest) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync()
        );
        var group = await fixture.NewGroupAsync(creator, members: [oldest]);
        await fixture.JoinAsync(creator, group, newest);

        await DeleteAsync(creator);

        (await fixture.GroupAsync(group))
            .Members.Select(m => (m.Person.Id, m.Role))
            .Should()
            .BeEquivalentTo([(oldest.Id, GroupRole.Admin), (newest.Id, GroupRole.Member)]);
        (await fixture.Get<ListGroupsOf>().HandleAsync(creator.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_deleted_account_cannot_be_added_to_a_group_so_it_can_never_be_made_its_manager()
    {
        var (creator, leaver) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync("deleted_candidate")
        );
        var group = await fixture.NewGroupAsync(creator);
        await DeleteAsync(leaver);

        var added = await fixture
            .Get<InviteToGroup>()
            .HandleAsync(
                new InviteToGroupCommand(new PersonId(creator.Id), new GroupId(group.Id), "deleted_candidate")
            );

        added
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Should()
            .Equal(new FieldError("Nickname", ProblemCodes.InviteNobody, "deleted_candidate"));
        (await fixture.GroupAsync(group)).Members.Select(m => m.Person.Id).Should().Equal(creator.Id);
        (
            await fixture
                .Get<ChangeGroupRole>()
                .HandleAsync(
                    new ChangeGroupRoleCommand(
                        new PersonId(creator.Id),
                        new GroupId(group.Id),
                        new PersonId(leaver.Id),
                        GroupRole.Admin
                    )
                )
        )
            .Problem.Should()
            .BeOfType<NotFound>();
    }

    [Fact]
    public async Task A_deleted_account_whose_session_has_not_ended_yet_cannot_rename_itself_change_its_picture_or_create_a_group()
    {
        var leaver = await fixture.NewParticipantAsync();
        await DeleteAsync(leaver);

        (await fixture.Get<UpdateProfile>().HandleAsync(leaver.Id, new ProfileChanges("Back Again", "hello")))
            .Problem.Should()
            .BeOfType<NotFound>();
        (await fixture.Get<SetProfilePicture>().HandleAsync(leaver.Id, TestPictures.Png()))
            .Problem.Should()
            .BeOfType<NotFound>();
        (
            await fixture
                .Get<CreateGroup>()
                .HandleAsync(
                    new CreateGroupCommand(leaver.Id, "Ghosts", "ghost_club_" + Guid.NewGuid().ToString("N")[..6], "")
                )
        )
            .Problem.Should()
            .BeOfType<NotFound>();
        (await fixture.Get<SetMessagePreference>().HandleAsync(leaver.Id, WhoMayWrite.OnlyPeopleIFollow))
            .Problem.Should()
            .BeOfType<NotFound>();

        await using var db = await fixture.DbAsync();
        var row = await db.Participants.AsNoTracking().SingleAsync(p => p.Id == leaver.Id);
        row.Should()
            .BeEquivalentTo(
                new
                {
                    DisplayName = "Deleted participant",
                    About = "",
                    PictureVersion = 0,
                }
            );
        (await db.ParticipantPictures.CountAsync(p => p.ParticipantId == leaver.Id)).Should().Be(0);
        (await db.GroupMembers.CountAsync(m => m.MemberId == leaver.Id)).Should().Be(0);
    }
}

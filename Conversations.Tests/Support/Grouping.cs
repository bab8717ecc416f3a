using Conversations.Domain.Common;
using Conversations.Domain.Groups;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;

namespace Conversations.Tests.Support;

/// <summary>Helpers to build groups and write in their name in tests, through the real use cases.</summary>
public static class Grouping
{
    public static async Task<Profile> NewGroupAsync(
        this DomainFixture f,
        Participant creator,
        Participant[]? admins = null,
        Participant[]? members = null,
        string? nickname = null
    )
    {
        nickname ??= "g" + Guid.NewGuid().ToString("N")[..12];
        var group = (
            await f.Get<CreateGroup>()
                .HandleAsync(new CreateGroupCommand(creator.Id, $"Group {nickname}", nickname, "A test group"))
        ).Value
            ?? throw new InvalidOperationException("The group could not be created.");
        foreach (var person in (admins ?? []).Concat(members ?? []))
        {
            await f.JoinAsync(creator, group, person);
        }

        foreach (var admin in admins ?? [])
        {
            (
                await f.Get<ChangeGroupRole>()
                    .HandleAsync(
                        new ChangeGroupRoleCommand(
                            new PersonId(creator.Id),
                            new GroupId(group.Id),
                            new PersonId(admin.Id),
                            GroupRole.Admin
                        )
                    )
            )
                .Succeeded.Should()
                .BeTrue();
        }

        return group;
    }

    /// <summary>The manager invites the person and the person accepts: the only way into a group.</summary>
    public static async Task JoinAsync(this DomainFixture f, Participant manager, Profile group, Participant person)
    {
        var invited = await f.Get<InviteToGroup>()
            .HandleAsync(new InviteToGroupCommand(new PersonId(manager.Id), new GroupId(group.Id), person.Nickname));
        invited.Succeeded.Should().BeTrue(invited.Problem?.InEnglish());
        var accepted = await f.Get<AnswerGroupInvitation>()
            .HandleAsync(new PersonId(person.Id), new GroupId(group.Id), accept: true);
        accepted.Succeeded.Should().BeTrue(accepted.Problem?.InEnglish());
    }

    public static Actor For(this Participant manager, Profile group) =>
        Actor.ManagerOf(new GroupId(group.Id), new PersonId(manager.Id));

    public static Task<Result<SentMessage>> WriteAsync(
        this DomainFixture f,
        Actor from,
        string body,
        params Guid[] to
    ) => f.Get<StartConversation>().HandleAsync(new StartConversationCommand(from, to, body));

    public static Task<Result<SentMessage>> ReplyAsAsync(
        this DomainFixture f,
        Actor from,
        Guid conversationId,
        string body
    ) => f.Get<Reply>().HandleAsync(new ReplyCommand(from, new ConversationId(conversationId), body));

    public static Task<UnreadCounts> CountsAsync(this DomainFixture f, Participant person) =>
        f.Get<CountUnread>().HandleAsync(person.Id);

    public static async Task<GroupView> GroupAsync(this DomainFixture f, Profile group, Participant? viewer = null) =>
        (await f.Get<GetGroup>().HandleAsync(group.Nickname, viewer?.Id)).Value!;
}

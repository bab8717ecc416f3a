using Conversations.Domain.Common;
using Conversations.Domain.Groups;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conversations.Domain.Demo;

/// <summary>The demo participants <c>./run.sh</c> loads once into its own local database.</summary>
public sealed class DemoData(
    IServiceScopeFactory scopes,
    IDbContextFactory<ConversationsDbContext> contexts,
    StartConversation start,
    Reply reply,
    MarkRead markRead,
    CreateGroup createGroup,
    InviteToGroup inviteToGroup,
    AnswerGroupInvitation answerInvitation,
    ChangeGroupRole changeGroupRole,
    ILogger<DemoData> logger
)
{
    public const string Password = "Demo!2345";

    public static readonly IReadOnlyList<(string Nickname, string Name, string About)> People =
    [
        ("alice", "Alice Martin", "Runs the Riverside residents' association."),
        ("bob", "Bob Nguyen", "Cycling advocate; wants safer bike lanes on Main Street."),
        ("carol", "Carol Dubois", "Librarian and community garden volunteer."),
        ("dave", "Dave Okafor", "Small business owner in the old town."),
        ("erin", "Erin Kowalski", "City council liaison for participatory budgeting."),
        ("frank", "Frank Rossi", "Retired engineer, follows every proposal on public transport."),
        ("grace", "Grace Lee", "Parent, school board member."),
        ("heidi", "Heidi Schmidt", "Organises the Saturday market."),
        ("ivan", "Ivan Petrov", "Student, climate action group."),
        ("judy", "Judy Alvarez", "Architect interested in public spaces."),
        ("mallory", "Mallory Brooks", "Neighbourhood watch coordinator."),
        ("oscar", "Oscar Lindqvist", "Runs the youth football club."),
    ];

    /// <summary>Loads the demo participants into an empty database; a database that has anyone in it is left alone.</summary>
    public async Task<bool> LoadIntoEmptyDatabaseAsync(CancellationToken cancellationToken = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Participants.AnyAsync(cancellationToken))
            {
                logger.LogInformation("Demo data not loaded: the database already has participants.");
                return false;
            }
        }

        foreach (var (nickname, name, about) in People)
        {
            await using var scope = scopes.CreateAsyncScope();
            var register = scope.ServiceProvider.GetRequiredService<RegisterParticipant>();
            var result = await register.HandleAsync(
                new Registration($"{nickname}@example.org", Password, name, nickname),
                addressConfirmed: true,
                cancellationToken
            ); // demo accounts are confirmed
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(
                    $"Demo participant {nickname} could not be registered: {result.Problem}"
                );
            }

            await scope
                .ServiceProvider.GetRequiredService<UpdateProfile>()
                .HandleAsync(result.Value.Id, new ProfileChanges(name, about), cancellationToken);
            if (nickname != RequestedNickname)
            {
                // The demo's residents know each other: they chose "anyone". judy keeps a new account's default, strangers
                // as requests, and finds one waiting.
                await scope
                    .ServiceProvider.GetRequiredService<SetMessagePreference>()
                    .HandleAsync(result.Value.Id, Messaging.WhoMayWrite.Anyone, cancellationToken);
            }
        }

        await LoadAdministratorAsync(cancellationToken);
        await LoadGroupAsync(cancellationToken);
        await LoadConversationsAsync(cancellationToken);
        logger.LogInformation("Demo data loaded: {Count} participants, a group and their conversations.", People.Count);
        return true;
    }

    /// <summary>The demo's administrator (<c>admin@example.org</c>): a person like any other, with the administrator role.</summary>
    public const string AdministratorEmail = "admin@example.org";

    private async Task LoadAdministratorAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var registered = await scope
            .ServiceProvider.GetRequiredService<RegisterParticipant>()
            .HandleAsync(
                new Registration(AdministratorEmail, Password, "Rosa Vidal", "rosa_vidal"),
                addressConfirmed: true,
                cancellationToken
            );
        if (!registered.Succeeded)
        {
            throw new InvalidOperationException(
                $"The demo administrator could not be registered: {registered.Problem}"
            );
        }

        await scope
            .ServiceProvider.GetRequiredService<UpdateProfile>()
            .HandleAsync(
                registered.Value.Id,
                new ProfileChanges("Rosa Vidal", "Moderates the platform for the city."),
                cancellationToken
            );
        await scope
            .ServiceProvider.GetRequiredService<Moderation.Administrators>()
            .GrantAsync(AdministratorEmail, cancellationToken);
    }

    public const string GroupNickname = "neighbours";

    /// <summary>The demo participant who takes strangers' first messages as requests, with one waiting (from oscar).</summary>
    public const string RequestedNickname = "judy";

    /// <summary>The group <c>neighbours</c>: alice created it, bob is an admin, carol a member.</summary>
    private async Task LoadGroupAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = await db.Participants.ToDictionaryAsync(p => p.Nickname, p => p.Id, cancellationToken);
        var group = await createGroup.HandleAsync(
            new CreateGroupCommand(
                ids["alice"],
                "Riverside Neighbours",
                GroupNickname,
                "The residents' association of the Riverside quarter. Write to us about anything in the neighbourhood."
            ),
            cancellationToken
        );
        var groupId = group.Value!.Id;
        foreach (var member in new[] { "bob", "carol" })
        {
            await inviteToGroup.HandleAsync(
                new InviteToGroupCommand(new PersonId(ids["alice"]), new GroupId(groupId), member),
                cancellationToken
            );
            await answerInvitation.HandleAsync(
                new PersonId(ids[member]),
                new GroupId(groupId),
                accept: true,
                cancellationToken
            );
        }

        // dave has not answered yet: his Conversations page shows the invitation.
        await inviteToGroup.HandleAsync(
            new InviteToGroupCommand(new PersonId(ids["alice"]), new GroupId(groupId), "dave"),
            cancellationToken
        );
        await changeGroupRole.HandleAsync(
            new ChangeGroupRoleCommand(
                new PersonId(ids["alice"]),
                new GroupId(groupId),
                new PersonId(ids["bob"]),
                GroupRole.Admin
            ),
            cancellationToken
        );
    }

    /// <summary>A few conversations, some of them unread for alice and bob (in person and as managers of neighbours).</summary>
    private async Task LoadConversationsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = await db.Participants.ToDictionaryAsync(p => p.Nickname, p => p.Id, cancellationToken);

        async Task<Guid> StartAsync(string from, string body, params string[] to) =>
            (
                await start.HandleAsync(
                    new StartConversationCommand(Actor.Person(ids[from]), to.Select(n => ids[n]).ToList(), body),
                    cancellationToken
                )
            )
                .Value!
                .ConversationId;

        async Task SayAsync(Guid conversation, string from, string body) =>
            await reply.HandleAsync(
                new ReplyCommand(Actor.Person(ids[from]), new ConversationId(conversation), body),
                cancellationToken
            );

        var lanes = await StartAsync(
            "bob",
            "Hi Alice! Did you see the proposal for protected bike lanes on Main Street?",
            "alice"
        );
        await SayAsync(
            lanes,
            "alice",
            "I did. The residents' association likes it, but the shop owners worry about deliveries."
        );
        await SayAsync(
            lanes,
            "bob",
            "Fair point. What if loading zones stay on the side streets?\nI sketched it here: https://example.org/main-street-sketch"
        );
        await SayAsync(lanes, "bob", "Could you bring it up at Thursday's meeting?");

        var garden = await StartAsync(
            "carol",
            "Hello both, the community garden needs two more volunteers for Saturday.",
            "alice",
            "grace"
        );
        await SayAsync(garden, "grace", "Count me in, I'll bring the kids.");
        await markRead.HandleAsync(Actor.Person(ids["alice"]), new ConversationId(garden), cancellationToken);
        await SayAsync(garden, "carol", "Wonderful, thank you Grace! Alice, can you open the shed at 9?");

        var budget = await StartAsync(
            "erin",
            "Bob, the participatory budget vote opens next week. Could the cycling group share the news?",
            "bob"
        );
        await SayAsync(budget, "erin", "Here is the page: https://example.org/budget-2027");

        var market = await StartAsync(
            "alice",
            "Heidi, may the association have a stand at the Saturday market?",
            "heidi"
        );
        await SayAsync(market, "heidi", "Of course! Stand 12 is free this month.");
        await markRead.HandleAsync(Actor.Person(ids["alice"]), new ConversationId(market), cancellationToken);

        var transport = await StartAsync(
            "frank",
            "The new bus timetable drops the late service on line 4. Shall we write to the council together?",
            "bob",
            "dave",
            "ivan"
        );
        await SayAsync(transport, "ivan", "Yes, students rely on it.");
        await SayAsync(transport, "dave", "My staff too. I'll draft something.");

        await StartAsync(
            "dave",
            "Hello neighbours! The street lights on Elm Road have been out for a week. Who should I contact?",
            GroupNickname
        );

        // A message request waiting for judy: oscar is a stranger to her (she does not follow him; they never talked).
        await StartAsync(
            "oscar",
            "Hello Judy, I run the youth football club. Would you look at our sketch for a small clubhouse by the river?",
            RequestedNickname
        );
    }
}

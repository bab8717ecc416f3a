using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conversations.Domain.Demo;

/// <summary>The demo participants <c>./run.sh</c> loads once into its own local database.</summary>
public sealed class DemoData(IServiceScopeFactory scopes, IDbContextFactory<ConversationsDbContext> contexts, ILogger<DemoData> logger)
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
            var result = await register.HandleAsync(new Registration($"{nickname}@example.org", Password, name, nickname), cancellationToken);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Demo participant {nickname} could not be registered: {result.Problem.Message}");
            }

            await scope.ServiceProvider.GetRequiredService<UpdateProfile>().HandleAsync(result.Value.Id, new ProfileChanges(name, about), cancellationToken);
        }

        logger.LogInformation("Demo data loaded: {Count} participants.", People.Count);
        return true;
    }
}

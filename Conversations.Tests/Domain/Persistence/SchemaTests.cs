using Conversations.Domain.Persistence;
using Conversations.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Tests.Domain;

public class SchemaTests
{
    [Fact]
    public async Task The_migrations_build_an_empty_database_into_the_current_model()
    {
        var server = await PostgresServer.InstanceAsync();
        var connectionString = await server.CreateEmptyDatabaseAsync();
        await using var db = new ConversationsDbContext(
            new DbContextOptionsBuilder<ConversationsDbContext>().UseNpgsql(connectionString).Options
        );

        await db.Database.MigrateAsync();

        (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        (await db.Database.GetAppliedMigrationsAsync()).Should().NotBeEmpty();
        (await db.Participants.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task The_model_has_no_changes_missing_from_the_migrations()
    {
        var server = await PostgresServer.InstanceAsync();
        await using var db = new ConversationsDbContext(
            new DbContextOptionsBuilder<ConversationsDbContext>().UseNpgsql(await server.CreateDatabaseAsync()).Options
        );

        db.Database.HasPendingModelChanges().Should().BeFalse();
    }
}

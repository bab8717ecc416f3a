using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Conversations.Tests.Support;

/// <summary>
/// The PostgreSQL server of a test run: the one named by CONVERSATIONS_TEST_POSTGRES, or else a throwaway
/// cluster started here and stopped when the test process exits. Each test class gets a database of its own,
/// copied from a template that is migrated once.
/// </summary>
public sealed class PostgresServer
{
    private const string TemplateName = "conversations_template";
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);
    private readonly string adminConnectionString;
    private readonly SemaphoreSlim createLock = new(1, 1);

    private PostgresServer(string adminConnectionString) => this.adminConnectionString = adminConnectionString;

    public static Task<PostgresServer> InstanceAsync() => Shared.Value;

    /// <summary>Creates an empty, migrated database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"t_{Guid.NewGuid():N}";
        // CREATE DATABASE … TEMPLATE fails while another copy of the same template runs.
        await createLock.WaitAsync();
        try
        {
            await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{TemplateName}\"");
        }
        finally
        {
            createLock.Release();
        }

        return ConnectionStringFor(name);
    }

    /// <summary>Creates a database with no schema at all.</summary>
    public async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = $"e_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return ConnectionStringFor(name);
    }

    private string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(adminConnectionString)
        {
            Database = database,
            MaxPoolSize = 40,
        }.ConnectionString;

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable("CONVERSATIONS_TEST_POSTGRES");
        var server = new PostgresServer(
            string.IsNullOrWhiteSpace(configured)
                ? (await PrivateCluster.StartAsync(deleteOnExit: true)).ConnectionString
                : configured
        );
        await server.ExecuteAsync($"DROP DATABASE IF EXISTS \"{TemplateName}\"");
        await server.ExecuteAsync($"CREATE DATABASE \"{TemplateName}\"");
        var options = new DbContextOptionsBuilder<ConversationsDbContext>()
            .UseNpgsql(server.ConnectionStringFor(TemplateName))
            .Options;
        await using (var db = new ConversationsDbContext(options))
        {
            await db.Database.MigrateAsync();
        }

        NpgsqlConnection.ClearAllPools(); // a template must have no open connections while it is copied
        return server;
    }
}

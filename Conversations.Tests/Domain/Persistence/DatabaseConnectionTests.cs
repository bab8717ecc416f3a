using Conversations.Domain.Persistence;
using Conversations.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Conversations.Tests.Domain;

/// <summary>How the use cases connect: settings PostgreSQL would otherwise take from its own configuration.</summary>
public class DatabaseConnectionTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    [Fact]
    public async Task The_use_cases_connect_with_jit_compilation_off_unless_the_configured_string_sets_it()
    {
        await using (var db = await fixture.DbAsync())
        {
            (await JitAsync((NpgsqlConnection)db.Database.GetDbConnection())).Should().Be("off");
        }

        var configured = DatabaseConnection.ForUseCases(fixture.ConnectionString + ";Options=-c jit=on");
        await using var connection = new NpgsqlConnection(configured);
        (await JitAsync(connection)).Should().Be("on", "a setting in the configured string wins");
    }

    private static async Task<string> JitAsync(NpgsqlConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        await using var command = new NpgsqlCommand("SHOW jit", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}

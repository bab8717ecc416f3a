using Npgsql;

namespace Conversations.Domain.Persistence;

/// <summary>The configured PostgreSQL connection string, and the variant the LISTEN connection uses.</summary>
public sealed class DatabaseConnection(string connectionString)
{
    public string ConnectionString { get; } = connectionString;

    /// <summary>Keepalives make a silently dead connection fail fast, so the relay reconnects.</summary>
    public string ListenerConnectionString { get; } =
        new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 5, Pooling = false, ApplicationName = "conversations-relay" }.ConnectionString;
}

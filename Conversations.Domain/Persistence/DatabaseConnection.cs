using Npgsql;

namespace Conversations.Domain.Persistence;

/// <summary>The configured PostgreSQL connection string, and the variant the LISTEN connection uses.</summary>
public sealed class DatabaseConnection(string connectionString)
{
    public string ConnectionString { get; } = connectionString;

    /// <summary>
    /// What the use cases connect with: statements used again and again are prepared on each pooled connection, so
    /// PostgreSQL plans them once instead of on every call (it halves the inbox's and a reply's database time).
    /// A setting in the configured string wins.
    /// </summary>
    public static string ForUseCases(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }

    /// <summary>Keepalives make a silently dead connection fail fast, so the relay reconnects.</summary>
    public string ListenerConnectionString { get; } =
        new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 5, Pooling = false, ApplicationName = "conversations-relay" }.ConnectionString;
}

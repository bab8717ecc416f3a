using Npgsql;

namespace Conversations.Domain.Persistence;

/// <summary>The configured PostgreSQL connection string, and the variant the LISTEN connection uses.</summary>
public sealed class DatabaseConnection(string connectionString)
{
    public string ConnectionString { get; } = connectionString;

    /// <summary>
    /// The pool of one app server when the connection string does not set one. A use case holds a connection for a few
    /// milliseconds, so 30 serve thousands of live participants; a burst beyond them waits in the pool (up to its
    /// Timeout) instead of asking PostgreSQL for more than it allows. Keep servers × (pool + 1 for the relay) below the
    /// server's max_connections (100 by default, 3 of them reserved for superusers).
    /// </summary>
    public const int DefaultPoolSize = 30;

    /// <summary>
    /// What the use cases connect with: a bounded pool (<see cref="DefaultPoolSize"/>), statements used again and
    /// again prepared on each pooled connection, so PostgreSQL plans them once instead of on every call (it halves the
    /// inbox's and a reply's database time), and PostgreSQL's JIT compilation off: every statement here reads or writes a
    /// few rows, and JIT starts on the planner's estimated cost, not the real one — a word nobody wrote is estimated in
    /// 50,000 of 10,000,000 messages, and compiling that search took ~200 ms of a search that reads nothing. A setting in
    /// the configured string wins.
    /// </summary>
    public static string ForUseCases(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        if (
            !connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("Max Pool Size", StringComparison.OrdinalIgnoreCase)
        )
        {
            builder.MaxPoolSize = DefaultPoolSize;
        }

        if (!(builder.Options ?? "").Contains("jit", StringComparison.OrdinalIgnoreCase))
        {
            builder.Options = $"{builder.Options} -c jit=off".Trim();
        }

        return builder.ConnectionString;
    }

    /// <summary>Keepalives make a silently dead connection fail fast, so the relay reconnects.</summary>
    public string ListenerConnectionString { get; } =
        new NpgsqlConnectionStringBuilder(connectionString)
        {
            KeepAlive = 5,
            Pooling = false,
            ApplicationName = "conversations-relay",
        }.ConnectionString;
}

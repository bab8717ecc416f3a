using Conversations.Bench.Generation;
using Conversations.Domain;
using Conversations.Domain.Realtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Conversations.Bench;

/// <summary>
/// Every measurement of the product next to the cheapest hand-written SQL or Npgsql call doing the same work,
/// both measured here, now, on this machine and this database.
/// </summary>
public static partial class BenchmarkRun
{
    private static readonly Guid Heavy = Shape.PersonId(0);

    /// <param name="only">When given, only the rows whose group is named (inbox, unread, open, search, send, email, push,
    /// notifier, memory): to measure one thing again while working on it.</param>
    public static async Task<int> RunAsync(string connectionString, bool quick, IReadOnlySet<string>? only = null)
    {
        bool Runs(string group) => only is null || only.Count == 0 || only.Contains(group);
        var (warmup, iterations) = quick ? (20, 100) : (50, 400);
        var services = new ServiceCollection().AddLogging();
        // Benchmark senders write far faster than any person: the product's rate limits are lifted here.
        services.AddConversationsDomain(
            connectionString,
            new ConfigurationBuilder()
                .AddInMemoryCollection(
                    new Dictionary<string, string?>
                    {
                        ["RateLimits:MessagesPerMinute"] = "100000000",
                        ["RateLimits:MessageBurst"] = "100000000",
                        ["RateLimits:ConversationsPerHour"] = "100000000",
                        ["RateLimits:SearchesPerMinute"] = "100000000", // the search row runs thousands of searches a second
                    }
                )
                .Build()
        );
        await using var provider = services.BuildServiceProvider();
        // The baseline gets the same prepared statements as the product: the comparison is of the work, not of the planning.
        await using var raw = NpgsqlDataSource.Create(
            Domain.Persistence.DatabaseConnection.ForUseCases(connectionString)
        );
        var results = new List<Result>();

        Console.WriteLine($"Measuring ({iterations} timed runs after {warmup} warm-up runs each)…");
        if (Runs("inbox"))
        {
            results.Add(await InboxFirstPageAsync(provider, raw, warmup, iterations));
            results.Add(await InboxDeepPageAsync(provider, raw, warmup, iterations));
        }

        if (Runs("unread"))
        {
            results.Add(await UnreadTotalAsync(provider, raw, warmup, iterations));
        }

        if (Runs("open"))
        {
            results.Add(await OpenLongConversationAsync(provider, raw, warmup, iterations));
        }

        if (Runs("search"))
        {
            results.Add(await SearchAsync(provider, raw, warmup, iterations));
            results.AddRange(await MessageSearchAsync(provider, raw, warmup, iterations));
        }

        var sendFor = quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(10);
        if (Runs("send"))
        {
            results.Add(await SendThroughputAsync(provider, raw, sendFor));
        }

        if (Runs("send") || Runs("email"))
        {
            // Also before the email rows: its turns run the pass's code, which measured first in a fresh process took
            // 0.5 s of compiling (the runtime's and EF Core's), not of PostgreSQL.
            results.Add(
                await SendWithEmailAsync(
                    provider,
                    connectionString,
                    raw,
                    sendFor,
                    new Domain.Email.EmailOptions().CheckEvery
                )
            );
            results.Add(
                await SendWithEmailAsync(provider, connectionString, raw, sendFor, TimeSpan.FromMilliseconds(200))
            );
        }

        if (Runs("email"))
        {
            results.Add(await EmailPassAsync(connectionString, raw, quick ? 20 : 100));
            results.AddRange(await EmailBacklogAsync(connectionString, raw, 200_000, quick ? 20 : 100));
        }

        if (Runs("push"))
        {
            results.Add(await PushRateAsync(connectionString, raw, quick ? 500 : 2000));
        }

        if (Runs("notifier"))
        {
            var relay = provider.GetRequiredService<NotificationRelay>();
            await relay.StartAsync(CancellationToken.None);
            await relay.Listening.WaitAsync(TimeSpan.FromSeconds(10));
            results.Add(await NotifierLatencyAsync(provider, raw, quick ? 200 : 1000));
            results.Add(await RelayThroughputAsync(provider, raw, quick ? 20_000 : 100_000));
            await relay.StopAsync(CancellationToken.None);
        }

        if (Runs("memory"))
        {
            results.AddRange(await CircuitMemory.MeasureAsync(connectionString, 50));
        }

        Console.WriteLine();
        Console.WriteLine(
            $"Benchmark of {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores, {Environment.OSVersion}:"
        );
        Report.Print(results, Console.Out);
        return 0;
    }
}

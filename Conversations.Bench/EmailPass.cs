using System.Diagnostics;
using Conversations.Domain;
using Conversations.Domain.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Conversations.Bench;

/// <summary>What email costs: a turn of the new-message pass over the full data set, and sends while turns run.</summary>
public static partial class BenchmarkRun
{
    /// <summary>A clock ahead of the real one, so the messages the bench just wrote are "left unread" long enough.</summary>
    private sealed class AheadClock(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + ahead;
    }

    private static ServiceProvider EmailDomain(string connectionString, TimeSpan ahead)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddConversationsDomain(connectionString, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = "127.0.0.1", // never reached: the bench writes emails into the outbox, it does not send them
            ["Email:PublicUrl"] = "https://bench.example/",
        }).Build());
        services.AddSingleton<TimeProvider>(new AheadClock(ahead));
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// One turn of <see cref="NewMessageEmails"/> over the whole data set: the first finds the replies the send rows left
    /// unread (their recipients never read them) and writes their emails; the next ones find nothing due. Both read only
    /// the partial index of member rows with unread messages not mailed about.
    /// </summary>
    private static async Task<Result> EmailPassAsync(string connectionString, NpgsqlDataSource raw, int iterations)
    {
        await using var provider = EmailDomain(connectionString, TimeSpan.FromMinutes(10));
        var pass = provider.GetRequiredService<NewMessageEmails>();
        var clock = Stopwatch.StartNew();
        var settled = await pass.RunOnceAsync();
        var first = clock.Elapsed.TotalMilliseconds;
        var empty = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            clock.Restart();
            await pass.RunOnceAsync();
            empty.Add(clock.Elapsed.TotalMilliseconds);
        }

        await using (var cleanup = raw.CreateCommand("""DELETE FROM "EmailOutbox" WHERE "To" LIKE '%@bench.example' OR "MessageId" LIKE '%@bench.example'"""))
        {
            await cleanup.ExecuteNonQueryAsync();
        }

        empty.Sort();
        var median = empty[empty.Count / 2];
        var worst = Math.Max(first, median);
        return new Result("email pass over the full data set (one turn)", "ms", worst, null, "≤ 50 ms", worst <= 50,
            $"first turn {first:0.0} ms ({settled} conversation rows due: emails written, rows settled), then {median:0.00} ms median with nothing due; both read only IX_ConversationMembers_EmailDue");
    }

    /// <summary>
    /// Send throughput while email turns run every 200 ms — 25 times as often as the product's default (every 5 s) — each
    /// finding the replies just written already due (a clock 10 minutes ahead), so every turn writes emails and settles
    /// rows while the senders write (the send path itself never waits for email).
    /// </summary>
    private static async Task<Result> SendWithEmailAsync(IServiceProvider provider, string connectionString, NpgsqlDataSource raw, TimeSpan duration, double withoutEmail)
    {
        await using var emails = EmailDomain(connectionString, TimeSpan.FromMinutes(10));
        var pass = emails.GetRequiredService<NewMessageEmails>();
        using var stop = new CancellationTokenSource();
        var turns = 0;
        var passes = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await pass.RunOnceAsync();
                turns++;
                await Task.Delay(TimeSpan.FromMilliseconds(200)); // the turn's timer (CheckEvery), much shortened
            }
        });
        var with = await SendRateAsync(provider, raw, duration);
        await stop.CancelAsync();
        await passes;
        return new Result("send throughput with email turns running", "msg/s", with, withoutEmail, "≥ 0.9×", with >= 0.9 * withoutEmail,
            $"{turns} email turns (one every 200 ms, each with due rows) ran during the sends; the baseline is ours without them, measured just before");
    }
}

using System.Collections.Concurrent;
using System.Net;
using Conversations.Domain.Persistence;
using Conversations.Domain.Realtime;
using Conversations.Tests.Support;
using Conversations.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

namespace Conversations.Tests.EndToEnd;

/// <summary>
/// Many participants arriving at once whose cookies are due for the security-stamp check (here: every request), as
/// after a server restart: every hub connection gets its count, pages keep answering, and the app never asks
/// PostgreSQL for more connections than its pool.
/// </summary>
public class ConnectionBurstTests : IAsyncLifetime
{
    private const int People = 20;
    private const int ConnectionsEach = 10;
    private AppHost app = default!;

    public async Task InitializeAsync()
    {
        // The app's own pool, as deployed: the connection string sets none (the test databases' strings do).
        var database = new NpgsqlConnectionStringBuilder(
            await (await PostgresServer.InstanceAsync()).CreateDatabaseAsync()
        );
        database.Remove("Maximum Pool Size");
        app = new AppHost(
            database.ConnectionString,
            new Dictionary<string, string> { ["Security:RevalidateEvery"] = "00:00:00" }
        );
        await app.InitializeAsync();
    }

    public async Task DisposeAsync() => await ((IAsyncLifetime)app).DisposeAsync();

    [Fact]
    public async Task A_burst_of_hub_connections_with_cookies_to_revalidate_all_get_their_count_within_the_pool()
    {
        var sessions = new List<WebSession>();
        for (var i = 0; i < People; i++)
        {
            var person = await app.RegisterAsync();
            sessions.Add(await WebSession.SignedInAsync(app, person.Email!));
        }

        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database!;
        using var sampling = new CancellationTokenSource();
        var peak = SamplePeakConnectionsAsync(app.ConnectionString, database, sampling.Token);
        var counted = new ConcurrentBag<int>();
        var hubs = sessions
            .SelectMany(s =>
                Enumerable
                    .Range(0, ConnectionsEach)
                    .Select(_ =>
                        new HubConnectionBuilder()
                            .WithUrl(new Uri(new Uri(app.BaseUrl), UnreadHub.Path), options =>
                                options.Headers["Cookie"] = s.CookieHeader
                            )
                            .Build()
                    )
            )
            .ToList();
        var gotCount = hubs.Select(hub =>
            {
                var got = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
                hub.On<int>(UnreadHub.UnreadCountMethod, count => got.TrySetResult(count));
                return got.Task;
            })
            .ToList();

        var page = sessions[0].Client.GetAsync("/conversations");
        await Task.WhenAll(hubs.Select(h => h.StartAsync()));
        var counts = await Task.WhenAll(gotCount).WaitAsync(TimeSpan.FromSeconds(60));

        (await page).StatusCode.Should().Be(HttpStatusCode.OK, "a page answers during the burst");
        counts.Should().HaveCount(People * ConnectionsEach).And.OnlyContain(c => c == 0);
        await sampling.CancelAsync();
        (await peak)
            .Should()
            .BeLessThanOrEqualTo(DatabaseConnection.DefaultPoolSize + 1, "the pool and the relay, never more");
        (app.Get<LiveUnread>().Watched, app.Get<ConversationNotifier>().WatchedParticipants)
            .Should()
            .Be((People, People), "one live state per person, however many connections");

        await Task.WhenAll(hubs.Select(h => h.DisposeAsync().AsTask()));
        sessions.ForEach(s => s.Dispose());

        // Nothing is left behind once the connections are gone: no live state, no subscription.
        await Eventually.TrueAsync(
            () => app.Get<LiveUnread>().Watched == 0 && app.Get<ConversationNotifier>().WatchedParticipants == 0,
            "closed connections let go of their watches",
            TimeSpan.FromSeconds(15)
        );
    }

    /// <summary>The most connections the app held to its database at any sample (the sampler's own not counted).</summary>
    private static async Task<int> SamplePeakConnectionsAsync(
        string connectionString,
        string database,
        CancellationToken stop
    )
    {
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString
        );
        await connection.OpenAsync(CancellationToken.None);
        await using var count = new NpgsqlCommand(
            "SELECT count(*)::int FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
            connection
        )
        {
            Parameters = { new() { Value = database } },
        };
        var peak = 0;
        while (!stop.IsCancellationRequested)
        {
            var now = (int)(await count.ExecuteScalarAsync(CancellationToken.None))!;
            peak = Math.Max(peak, now);
            await Task.Yield();
        }

        return peak;
    }
}

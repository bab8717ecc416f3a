using System.Diagnostics;
using System.Globalization;
using Conversations.Domain;
using Conversations.Domain.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;

namespace Conversations.Bench;

/// <summary>
/// Many participants connected at once to one app server, as real clients: the published app runs as its own process
/// (its CPU and memory measured alone), while this process — at a lower priority — signs participants in through the
/// real form, connects each as a SignalR hub client with a cookie older than the revalidation interval, keeps real
/// Chromium tabs open on the inbox (Blazor circuits), and writes messages through the <see cref="Reply"/> use case as
/// a second app server would (same use case, same database, the server learns of them by NOTIFY). Push latency is
/// measured from the sender's answer (after its commit) to the first count on the recipient's connection that includes
/// the message; a push is lost when a client's last count differs from the database's once the sends stop.
/// </summary>
public static partial class LiveLoad
{
    private const string LoadPassword = "Load!2345";
    private const string UnreadCountMethod = "UnreadCount";
    private const int Tabs = 50;

    public sealed record Options(
        bool Quick,
        string DataDirectory,
        string ServerDll,
        string Plot,
        bool ThroughNginx = false,
        bool CircuitsOnly = false
    );

    public static async Task<int> RunAsync(string connectionString, Options options)
    {
        var levels = new[] { 1_000, 2_000, 5_000 };
        var runFor = options.Quick ? TimeSpan.FromSeconds(15) : TimeSpan.FromSeconds(60);
        var soakFor = options.Quick ? TimeSpan.FromMinutes(2) : TimeSpan.FromMinutes(10);
        const int rate = 200;
        await using var sql = NpgsqlDataSource.Create(connectionString);
        var people = await PrepareAccountsAsync(sql, levels.Max());
        await using var server = await ServerProcess.StartAsync(options.ServerDll, connectionString);
        await using var nginx = options.ThroughNginx ? await NginxProxy.StartAsync(server.BaseUrl) : null;
        if (nginx is not null)
        {
            server.PublicUrl = nginx.Url;
        }
        using (var me = Process.GetCurrentProcess())
        {
            me.PriorityClass = ProcessPriorityClass.BelowNormal; // the server (started before this) gets the CPU first
        }

        Console.WriteLine(
            $"Live load against the app server (pid {server.Pid}) at {server.BaseUrl}{(nginx is null ? "" : $", every participant through nginx at {nginx.Url}")}"
        );
        var cookies = await SignInAsync(server, people, Path.Combine(options.DataDirectory, "live-load-cookies.tsv"));
        await Task.Delay(TimeSpan.FromSeconds(11)); // every cookie now older than the server's revalidation interval (10 s)

        var domain = Domain(connectionString);
        var countUnread = domain.GetRequiredService<CountUnread>();
        var targets = await TargetsAsync(sql, people);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(
            new()
            {
                ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
                Args =
                [
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-timer-throttling",
                    "--disable-renderer-backgrounding",
                ],
            }
        );
        var rows = new List<Row>();
        if (!options.CircuitsOnly)
        {
            var (hubRows, hubReport) = await HubsAsync(
                server,
                nginx,
                people,
                cookies,
                domain,
                countUnread,
                targets,
                browser,
                levels,
                rate,
                runFor,
                soakFor,
                options.Quick
            );
            rows.AddRange(hubRows);
            Console.Write(hubReport); // now: what the circuits do after it cannot take it away
        }

        await server.DisposeAsync(); // the circuits get a server of their own
        var (circuitRows, circuitReport) = await CircuitsAsync(
            options,
            connectionString,
            people,
            cookies,
            domain,
            sql,
            browser,
            levels,
            rate,
            runFor,
            soakFor
        );
        Console.Write(circuitReport);
        await DrawPlotAsync(rows, circuitRows, options.Plot);
        Console.WriteLine($"Plot of p99 against participants: {options.Plot}");
        return 0;
    }

    /// <summary>The live load with SignalR hub clients (what other pages or a mobile app would hold) and 50 Chromium tabs.</summary>
    private static async Task<(List<Row> Rows, string Report)> HubsAsync(
        ServerProcess server,
        NginxProxy? nginx,
        List<Guid> people,
        Dictionary<Guid, string> cookies,
        IServiceProvider domain,
        CountUnread countUnread,
        List<Target> targets,
        IBrowser browser,
        int[] levels,
        int rate,
        TimeSpan runFor,
        TimeSpan soakFor,
        bool quick
    )
    {
        var report = new StringWriter(CultureInfo.InvariantCulture);
        var clients = new List<Client>();
        var rows = new List<Row>();
        var rssBefore = server.Rss();
        var tabs = await OpenTabsAsync(browser, server, people.Take(Tabs).ToList(), cookies);
        Console.WriteLine($"{tabs.Count} Chromium tabs show their inbox (live circuits).");

        foreach (var level in levels)
        {
            await ConnectAsync(server, people, cookies, clients, level);
            var row = await SendAsync(
                domain,
                server,
                targets,
                clients,
                tabs,
                countUnread,
                rate,
                runFor,
                $"{level:N0} participants",
                killRelayAt: null
            );
            rows.Add(row with { MemoryPerParticipantKb = (server.Rss() - rssBefore) / 1024.0 / clients.Count });
            Console.WriteLine(rows[^1]);
        }

        // Finding 5: what the connections cost once they are gone.
        var rssAtMost = server.Rss();
        var heapAtMost = await server.HeapAsync();
        var leaving = clients.Skip(2_000).ToList();
        await Task.WhenAll(leaving.Select(c => c.CloseAsync().AsTask()));
        clients.RemoveRange(2_000, clients.Count - 2_000);
        await WaitAsync(
            async () => await server.GaugeAsync("conversations_live_hub_connections") <= 2_000,
            TimeSpan.FromSeconds(60)
        );
        await Task.Delay(TimeSpan.FromSeconds(5));
        var (rssAfterClose, heapAfterClose, liveAfterClose) = (
            server.Rss(),
            await server.HeapAsync(),
            await server.GaugeAsync("conversations_live_participants")
        );

        var killed = await SendAsync(
            domain,
            server,
            targets,
            clients,
            tabs,
            countUnread,
            rate,
            quick ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(20),
            "2,000 participants, relay killed in the middle",
            killRelayAt: TimeSpan.FromSeconds(quick ? 5 : 10)
        );
        Console.WriteLine(killed);

        var soak = await SoakAsync(domain, server, targets, clients, tabs, countUnread, rate, soakFor);

        report.WriteLine();
        report.WriteLine(
            $"Live load of {DateTime.UtcNow:yyyy-MM-dd}{(nginx is null ? "" : ", through nginx (deploy/nginx.conf.template)")}: one app server (its own process) on {Environment.ProcessorCount} cores, {rate} messages/s for {runFor.TotalSeconds:0} s per row, {tabs.Count} Chromium tabs open throughout:"
        );
        PrintRows(rows.Append(killed).ToList(), report);
        var at5k = rows[^1];
        report.WriteLine(
            $"Goal at 5,000 participants: p99 ≤ 250 ms and 0 lost — {(at5k.P99 <= 250 && at5k.Lost == 0 ? "met" : "MISSED")} (p99 {at5k.P99:0} ms, {at5k.Lost} lost)."
        );
        report.WriteLine(
            $"Relay killed: every count right again {killed.SettledAfter.TotalSeconds:0.0} s after the sends stopped (goal ≤ 5 s — {(killed.SettledAfter <= TimeSpan.FromSeconds(5) ? "met" : "MISSED")}); relay back after {killed.RelayBackAfter?.TotalSeconds:0.0} s; sign-ins during the reconnect: {killed.SignInsOk} of {killed.SignInsTried} answered as usual."
        );
        report.WriteLine(
            $"Connections closed (5,000 → 2,000): RSS {rssAtMost / 1048576.0:0} → {rssAfterClose / 1048576.0:0} MB, managed heap {heapAtMost / 1048576.0:0} → {heapAfterClose / 1048576.0:0} MB, live participants on the server {liveAfterClose:0}."
        );
        report.WriteLine(soak);

        foreach (var client in clients)
        {
            await client.CloseAsync();
        }

        return (rows, report.ToString());
    }

    private static IServiceProvider Domain(string connectionString)
    {
        var services = new ServiceCollection().AddLogging();
        // The generator's senders are many people at a few messages a minute each; its own bucket is lifted, not the server's.
        services.AddConversationsDomain(
            connectionString,
            new ConfigurationBuilder()
                .AddInMemoryCollection(
                    new Dictionary<string, string?>
                    {
                        ["RateLimits:MessagesPerMinute"] = "100000000",
                        ["RateLimits:MessageBurst"] = "100000000",
                    }
                )
                .Build()
        );
        return services.BuildServiceProvider();
    }

    /// <summary>Until the condition holds; past <paramref name="within"/> a timeout, or (<paramref name="orNot"/>) false.</summary>
    private static async Task<bool> WaitAsync(Func<Task<bool>> condition, TimeSpan within, bool orNot = false)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > within)
            {
                return orNot ? false : throw new TimeoutException($"Not reached within {within.TotalSeconds:0} s.");
            }

            await Task.Delay(100);
        }

        return true;
    }

    private sealed record Target(Guid Conversation, Guid Sender, List<Guid> Members);

    private sealed record Row(
        string Name,
        int Participants,
        double Rate,
        double P50,
        double P99,
        double Max,
        int Pushes,
        int Lost,
        int Failed,
        double ServerCpuMs,
        double GeneratorCpuMs,
        double MemoryPerParticipantKb,
        TimeSpan SettledAfter,
        TimeSpan? RelayBackAfter,
        int SignInsOk,
        int SignInsTried,
        double HeapPerCircuitKb = 0,
        double MachineBusy = 0,
        double GcPausedMs = 0
    )
    {
        public override string ToString() =>
            string.Create(
                CultureInfo.InvariantCulture,
                $"  {Name}: {Rate:0} msg/s, push p50 {P50:0.0} ms, p99 {P99:0.0} ms, max {Max:0} ms, {Lost} lost, {Failed} failed, server CPU {ServerCpuMs:0.00} ms/msg"
            );
    }
}

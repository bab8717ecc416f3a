using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Conversations.Bench.Generation;
using Conversations.Domain;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
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

    public sealed record Options(bool Quick, string DataDirectory, string ServerDll, string Plot, bool ThroughNginx = false);

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

        Console.WriteLine($"Live load against the app server (pid {server.Pid}) at {server.BaseUrl}{(nginx is null ? "" : $", every participant through nginx at {nginx.Url}")}");
        var cookies = await SignInAsync(server, people, Path.Combine(options.DataDirectory, "live-load-cookies.tsv"));
        await Task.Delay(TimeSpan.FromSeconds(11)); // every cookie now older than the server's revalidation interval (10 s)

        var domain = Domain(connectionString);
        var countUnread = domain.GetRequiredService<CountUnread>();
        var targets = await TargetsAsync(sql, people);
        var clients = new List<Client>();
        var rows = new List<Row>();
        var rssBefore = server.Rss();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-timer-throttling", "--disable-renderer-backgrounding"],
        });
        var tabs = await OpenTabsAsync(browser, server, people.Take(Tabs).ToList(), cookies);
        Console.WriteLine($"{tabs.Count} Chromium tabs show their inbox (live circuits).");

        foreach (var level in levels)
        {
            await ConnectAsync(server, people, cookies, clients, level);
            var row = await SendAsync(domain, server, targets, clients, tabs, countUnread, rate, runFor, $"{level:N0} participants", killRelayAt: null);
            rows.Add(row with { MemoryPerParticipantKb = (server.Rss() - rssBefore) / 1024.0 / clients.Count });
            Console.WriteLine(rows[^1]);
        }

        // Finding 5: what the connections cost once they are gone.
        var rssAtMost = server.Rss();
        var heapAtMost = await server.HeapAsync();
        var leaving = clients.Skip(2_000).ToList();
        await Task.WhenAll(leaving.Select(c => c.Hub.DisposeAsync().AsTask()));
        clients.RemoveRange(2_000, clients.Count - 2_000);
        await WaitAsync(async () => await server.GaugeAsync("conversations_live_hub_connections") <= 2_000, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(5));
        var (rssAfterClose, heapAfterClose, liveAfterClose) = (server.Rss(), await server.HeapAsync(), await server.GaugeAsync("conversations_live_participants"));

        var killed = await SendAsync(domain, server, targets, clients, tabs, countUnread, rate, TimeSpan.FromSeconds(options.Quick ? 10 : 20),
            "2,000 participants, relay killed in the middle", killRelayAt: TimeSpan.FromSeconds(options.Quick ? 5 : 10));
        Console.WriteLine(killed);

        var soak = await SoakAsync(domain, server, targets, clients, tabs, countUnread, rate, soakFor);

        var report = new StringWriter(CultureInfo.InvariantCulture);
        report.WriteLine();
        report.WriteLine($"Live load of {DateTime.UtcNow:yyyy-MM-dd}{(nginx is null ? "" : ", through nginx (deploy/nginx.conf.template)")}: one app server (its own process) on {Environment.ProcessorCount} cores, {rate} messages/s for {runFor.TotalSeconds:0} s per row, {tabs.Count} Chromium tabs open throughout:");
        PrintRows(rows.Append(killed).ToList(), report);
        var at5k = rows[^1];
        report.WriteLine($"Goal at 5,000 participants: p99 ≤ 250 ms and 0 lost — {(at5k.P99 <= 250 && at5k.Lost == 0 ? "met" : "MISSED")} (p99 {at5k.P99:0} ms, {at5k.Lost} lost).");
        report.WriteLine($"Relay killed: every count right again {killed.SettledAfter.TotalSeconds:0.0} s after the sends stopped (goal ≤ 5 s — {(killed.SettledAfter <= TimeSpan.FromSeconds(5) ? "met" : "MISSED")}); relay back after {killed.RelayBackAfter?.TotalSeconds:0.0} s; sign-ins during the reconnect: {killed.SignInsOk} of {killed.SignInsTried} answered as usual.");
        report.WriteLine($"Connections closed (5,000 → 2,000): RSS {rssAtMost / 1048576.0:0} → {rssAfterClose / 1048576.0:0} MB, managed heap {heapAtMost / 1048576.0:0} → {heapAfterClose / 1048576.0:0} MB, live participants on the server {liveAfterClose:0}.");
        report.WriteLine(soak);
        Console.Write(report.ToString());
        await DrawPlotAsync(rows, options.Plot);
        Console.WriteLine($"Plot of p99 against participants: {options.Plot}");

        foreach (var client in clients)
        {
            await client.Hub.DisposeAsync();
        }

        return 0;
    }

    /// <summary>
    /// The first <paramref name="count"/> people of the data set get a sign-in (one password hash for all, computed once):
    /// <c>load{i}@bench.example</c>. Idempotent.
    /// </summary>
    private static async Task<List<Guid>> PrepareAccountsAsync(NpgsqlDataSource sql, int count)
    {
        var ids = Enumerable.Range(1, count).Select(Shape.PersonId).ToList();
        await using (var check = sql.CreateCommand("""SELECT count(*) FROM "Participants" WHERE "Id" = ANY($1) AND "Email" LIKE 'load%@bench.example'"""))
        {
            check.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
            if ((long)(await check.ExecuteScalarAsync())! == count)
            {
                return ids;
            }
        }

        var hash = new PasswordHasher<Participant>().HashPassword(new Participant(), LoadPassword);
        await using var update = sql.CreateCommand("""
            UPDATE "Participants" p SET "Email" = e.email, "NormalizedEmail" = upper(e.email), "UserName" = e.email, "NormalizedUserName" = upper(e.email),
                   "PasswordHash" = $2, "EmailConfirmed" = true
              FROM (SELECT id, 'load' || ordinality || '@bench.example' AS email FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, ordinality)) e
             WHERE p."Id" = e.id
            """);
        update.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        update.Parameters.Add(new NpgsqlParameter { Value = hash });
        await update.ExecuteNonQueryAsync();
        return ids;
    }

    /// <summary>Cookies from the real log-in form, kept between runs (signing 5,000 people in costs minutes of hashing).</summary>
    private static async Task<Dictionary<Guid, string>> SignInAsync(ServerProcess server, List<Guid> people, string cacheFile)
    {
        var cookies = File.Exists(cacheFile)
            ? File.ReadAllLines(cacheFile).Select(l => l.Split('\t')).Where(p => p.Length == 2).ToDictionary(p => Guid.Parse(p[0]), p => p[1])
            : [];
        if (cookies.Count > 0 && !await StillSignedInAsync(server, cookies.First().Value))
        {
            cookies.Clear(); // a new data set or new keys: sign in again
        }

        var missing = people.Where(p => !cookies.ContainsKey(p)).Select(p => (Id: p, Email: $"load{people.IndexOf(p) + 1}@bench.example")).ToList();
        if (missing.Count > 0)
        {
            Console.WriteLine($"Signing {missing.Count:N0} participants in through the log-in form (kept for later runs)…");
            var clock = Stopwatch.StartNew();
            var signedIn = new ConcurrentDictionary<Guid, string>();
            await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (person, _) =>
                signedIn[person.Id] = await server.SignInAsync(person.Email, LoadPassword));
            foreach (var (id, cookie) in signedIn)
            {
                cookies[id] = cookie;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(cacheFile))!);
            await File.WriteAllLinesAsync(cacheFile, cookies.Select(c => $"{c.Key}\t{c.Value}"));
            Console.WriteLine($"  {missing.Count:N0} sign-ins in {clock.Elapsed.TotalSeconds:0} s");
        }

        return cookies;
    }

    private static async Task<bool> StillSignedInAsync(ServerProcess server, string cookie)
    {
        using var client = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/conversations");
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>For each connected person, one conversation of theirs and another member to write in it.</summary>
    private static async Task<List<Target>> TargetsAsync(NpgsqlDataSource sql, List<Guid> people)
    {
        var chosen = new List<(Guid Conversation, Guid Sender)>();
        await using (var command = sql.CreateCommand($"""
            SELECT DISTINCT ON (m."ParticipantId") m."ConversationId", o."ParticipantId"
              FROM "ConversationMembers" m
              JOIN "ConversationMembers" o ON o."ConversationId" = m."ConversationId" AND o."ParticipantId" <> m."ParticipantId"
              JOIN "Participants" s ON s."Id" = o."ParticipantId" AND {LivePerson.Sql("s")}
             WHERE m."ParticipantId" = ANY($1)
             ORDER BY m."ParticipantId", m."ConversationId"
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = people.ToArray() });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                chosen.Add((reader.GetGuid(0), reader.GetGuid(1)));
            }
        }

        var members = new Dictionary<Guid, List<Guid>>();
        await using (var command = sql.CreateCommand("""SELECT "ConversationId", "ParticipantId" FROM "ConversationMembers" WHERE "ConversationId" = ANY($1)"""))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = chosen.Select(c => c.Conversation).Distinct().ToArray() });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                (members.TryGetValue(reader.GetGuid(0), out var list) ? list : members[reader.GetGuid(0)] = []).Add(reader.GetGuid(1));
            }
        }

        return chosen.Distinct().Select(c => new Target(c.Conversation, c.Sender, members[c.Conversation].Where(m => m != c.Sender).ToList())).ToList();
    }

    private static async Task ConnectAsync(ServerProcess server, List<Guid> people, Dictionary<Guid, string> cookies, List<Client> clients, int upTo)
    {
        var clock = Stopwatch.StartNew();
        var added = people.Skip(clients.Count).Take(upTo - clients.Count).Select(p => new Client(p, new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(server.PublicUrl), "/hubs/unread"), o =>
            {
                o.Headers["Cookie"] = cookies[p];
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .Build())).ToList();
        foreach (var client in added)
        {
            client.Hub.On<int>(UnreadCountMethod, client.Received);
        }

        await Parallel.ForEachAsync(added, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (c, ct) => await c.Hub.StartAsync(ct));
        await WaitAsync(() => Task.FromResult(added.All(c => c.Base is not null)), TimeSpan.FromSeconds(120));
        clients.AddRange(added);
        Console.WriteLine($"{clients.Count:N0} hub connections open ({added.Count:N0} connected in {clock.Elapsed.TotalSeconds:0.0} s, each got its count)");
    }

    private static async Task<Row> SendAsync(IServiceProvider domain, ServerProcess server, List<Target> allTargets, List<Client> clients, List<Tab> tabs,
        CountUnread countUnread, int rate, TimeSpan duration, string name, TimeSpan? killRelayAt)
    {
        var byPerson = clients.ToDictionary(c => c.Person);
        var targets = allTargets.Where(t => t.Members.Any(byPerson.ContainsKey)).ToList();
        var reply = domain.GetRequiredService<Reply>();
        var deliveries = new ConcurrentBag<(Client Client, int Expected, long At)>();
        var (failed, sent) = (0, 0);
        var cpuBefore = server.Cpu();
        var generatorCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var inFlight = new SemaphoreSlim(64);
        var pending = new List<Task>();
        var clock = Stopwatch.StartNew();
        Task<(TimeSpan? RelayBack, int SignInsOk, int SignInsTried)>? kill = null;
        var total = (int)(rate * duration.TotalSeconds);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            if (killRelayAt is { } at && kill is null && clock.Elapsed >= at)
            {
                kill = KillRelayAsync(server);
            }

            var target = targets[Random.Shared.Next(targets.Count)];
            await inFlight.WaitAsync();
            var n = i;
            pending.Add(Task.Run(async () =>
            {
                try
                {
                    var outcome = await reply.HandleAsync(new ReplyCommand(target.Sender, target.Conversation, $"live load {n}"));
                    var done = Stopwatch.GetTimestamp();
                    if (!outcome.Succeeded)
                    {
                        Interlocked.Increment(ref failed);
                        return;
                    }

                    Interlocked.Increment(ref sent);
                    foreach (var member in target.Members)
                    {
                        if (byPerson.TryGetValue(member, out var client))
                        {
                            deliveries.Add((client, client.Committed(), done));
                        }
                    }
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failed);
                }
                finally
                {
                    inFlight.Release();
                }
            }));
        }

        await Task.WhenAll(pending);
        var sendingTook = clock.Elapsed;
        var stopped = Stopwatch.StartNew();
        var relay = kill is null ? default : await kill;
        var lost = await SettleAsync(clients, tabs, countUnread, TimeSpan.FromSeconds(10));
        var settledAfter = stopped.Elapsed;
        var serverCpu = server.Cpu() - cpuBefore;
        var generatorCpu = Process.GetCurrentProcess().TotalProcessorTime - generatorCpuBefore;

        var latencies = deliveries.Select(d => d.Client.LatencyMs(d.Expected, d.At)).ToList();
        var timing = Measure.Summarize(latencies.Where(l => l is not null).Select(l => l!.Value).ToList());
        return new Row(name, clients.Count, sent / sendingTook.TotalSeconds, timing.Median, timing.P99, latencies.Where(l => l is not null).DefaultIfEmpty(0).Max() ?? 0,
            latencies.Count, lost, failed, serverCpu.TotalMilliseconds / Math.Max(1, sent), generatorCpu.TotalMilliseconds / Math.Max(1, sent), 0,
            settledAfter, relay.RelayBack, relay.SignInsOk, relay.SignInsTried);
    }

    /// <summary>Ends the server's LISTEN connection as an operator's <c>pg_terminate_backend</c> would, then signs people in while it comes back.</summary>
    private static async Task<(TimeSpan? RelayBack, int SignInsOk, int SignInsTried)> KillRelayAsync(ServerProcess server)
    {
        await using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'conversations-relay' AND datname = current_database()", admin);
            Console.WriteLine($"  relay connections terminated: {await kill.ExecuteScalarAsync()}");
        }

        var clock = Stopwatch.StartNew();
        var signIns = await Task.WhenAll(Enumerable.Range(1, 5).Select(async i =>
        {
            try
            {
                await server.SignInAsync($"load{i}@bench.example", LoadPassword);
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }));
        TimeSpan? back = null;
        await WaitAsync(async () =>
        {
            await using var admin = new NpgsqlConnection(server.ConnectionString);
            await admin.OpenAsync();
            await using var count = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'conversations-relay' AND datname = current_database() AND state IS NOT NULL", admin);
            var listening = (long)(await count.ExecuteScalarAsync())! > 0;
            back ??= listening ? clock.Elapsed : null;
            return listening;
        }, TimeSpan.FromSeconds(60));
        return (back, signIns.Count(ok => ok), signIns.Length);
    }

    /// <summary>Waits until every client's and tab's last count is the database's; returns how many still differ at the deadline.</summary>
    private static async Task<int> SettleAsync(List<Client> clients, List<Tab> tabs, CountUnread countUnread, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        var wrong = int.MaxValue;
        while (true)
        {
            var truth = new ConcurrentDictionary<Guid, int>();
            await Parallel.ForEachAsync(clients.Select(c => c.Person).Concat(tabs.Select(t => t.Person)).Distinct(), new ParallelOptions { MaxDegreeOfParallelism = 8 },
                async (person, ct) => truth[person] = (await countUnread.HandleAsync(person, ct)).Total);
            var wrongClients = clients.Where(c => c.Last != truth[c.Person]).ToList();
            var wrongTabs = new List<(Tab Tab, int Shows)>();
            foreach (var tab in tabs)
            {
                var shows = await tab.BadgeAsync();
                if (shows != truth[tab.Person])
                {
                    wrongTabs.Add((tab, shows));
                }
            }

            wrong = wrongClients.Count + wrongTabs.Count;
            if (wrong == 0 || deadline.Elapsed > within)
            {
                foreach (var client in wrongClients.Take(5))
                {
                    Console.WriteLine($"  lost: hub client of {client.Person} shows {client.Last}, the database says {truth[client.Person]}");
                }

                foreach (var (tab, shows) in wrongTabs.Take(5))
                {
                    Console.WriteLine($"  lost: tab of {tab.Person} shows {shows}, the database says {truth[tab.Person]}");
                }

                return wrong;
            }

            await Task.Delay(200);
        }
    }

    private static async Task<string> SoakAsync(IServiceProvider domain, ServerProcess server, List<Target> targets, List<Client> clients, List<Tab> tabs,
        CountUnread countUnread, int rate, TimeSpan duration)
    {
        Console.WriteLine($"Soak: {clients.Count:N0} participants, {rate} messages/s for {duration.TotalMinutes:0} min…");
        var samples = new List<(double Minutes, long Rss, double Heap, double Live, double Hubs)>();
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var sampling = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                samples.Add((clock.Elapsed.TotalMinutes, server.Rss(), await server.HeapAsync(), await server.GaugeAsync("conversations_live_participants"),
                    await server.GaugeAsync("conversations_live_hub_connections")));
                await Task.Delay(TimeSpan.FromSeconds(15), CancellationToken.None);
            }
        });
        var row = await SendAsync(domain, server, targets, clients, tabs, countUnread, rate, duration, "soak", killRelayAt: null);
        await stop.CancelAsync();
        await sampling;
        var third = Math.Max(1, samples.Count / 3);
        var (first, last) = (samples.Take(third).ToList(), samples.TakeLast(third).ToList());
        double Growth(Func<(double, long Rss, double Heap, double, double), double> of) => last.Average(of) / Math.Max(1, first.Average(of)) - 1;
        var (rssGrowth, heapGrowth) = (Growth(s => s.Rss), Growth(s => s.Heap));
        // A heap that shrinks is not a leak (collections come when they come): the goal bounds growth only.
        var flat = heapGrowth <= 0.15 && samples.All(s => s.Live == clients.Count && s.Hubs == clients.Count);
        return $"Soak, {duration.TotalMinutes:0} min at {clients.Count:N0} participants and {row.Rate:0} messages/s: p99 {row.P99:0} ms, {row.Lost} lost, {row.Failed} failed; "
            + $"managed heap {first.Average(s => s.Heap) / 1048576.0:0} → {last.Average(s => s.Heap) / 1048576.0:0} MB ({heapGrowth:+0%;-0%}), RSS {first.Average(s => s.Rss) / 1048576.0:0} → {last.Average(s => s.Rss) / 1048576.0:0} MB ({rssGrowth:+0%;-0%}), "
            + $"live participants {samples.Min(s => s.Live):0}–{samples.Max(s => s.Live):0}, hub connections {samples.Min(s => s.Hubs):0}–{samples.Max(s => s.Hubs):0} over {samples.Count} samples "
            + $"(goal: connections and live states constant, heap grows ≤ 15 % — {(flat ? "met" : "MISSED")}).";
    }

    private static async Task<List<Tab>> OpenTabsAsync(IBrowser browser, ServerProcess server, List<Guid> people, Dictionary<Guid, string> cookies)
    {
        var tabs = new List<Tab>();
        foreach (var person in people)
        {
            var context = await browser.NewContextAsync(new() { BaseURL = server.PublicUrl });
            context.SetDefaultTimeout(60_000);
            await context.AddCookiesAsync(cookies[person].Split("; ").Select(c => c.Split('=', 2))
                .Select(c => new Microsoft.Playwright.Cookie { Name = c[0], Value = c[1], Domain = "127.0.0.1", Path = "/" }));
            var page = await context.NewPageAsync();
            await page.GotoAsync("/conversations");
            await page.WaitForSelectorAsync(".avatar-button[data-interactive=true]");
            tabs.Add(new Tab(person, page));
        }

        return tabs;
    }

    private static IServiceProvider Domain(string connectionString)
    {
        var services = new ServiceCollection().AddLogging();
        // The generator's senders are many people at a few messages a minute each; its own bucket is lifted, not the server's.
        services.AddConversationsDomain(connectionString, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RateLimits:MessagesPerMinute"] = "100000000",
            ["RateLimits:MessageBurst"] = "100000000",
        }).Build());
        return services.BuildServiceProvider();
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > within)
            {
                throw new TimeoutException($"Not reached within {within.TotalSeconds:0} s.");
            }

            await Task.Delay(100);
        }
    }

    private sealed record Target(Guid Conversation, Guid Sender, List<Guid> Members);

    private sealed record Row(string Name, int Participants, double Rate, double P50, double P99, double Max, int Pushes, int Lost, int Failed,
        double ServerCpuMs, double GeneratorCpuMs, double MemoryPerParticipantKb, TimeSpan SettledAfter, TimeSpan? RelayBackAfter, int SignInsOk, int SignInsTried)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"  {Name}: {Rate:0} msg/s, push p50 {P50:0.0} ms, p99 {P99:0.0} ms, max {Max:0} ms, {Lost} lost, {Failed} failed, server CPU {ServerCpuMs:0.00} ms/msg");
    }
}

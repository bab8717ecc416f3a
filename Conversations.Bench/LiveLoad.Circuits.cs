using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Conversations.Bench.Circuits;
using Conversations.Domain.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;

namespace Conversations.Bench;

/// <summary>
/// The live load with real Blazor circuits (<see cref="BlazorCircuit"/>), on a server of its own: the client checked
/// against Chromium tabs, the morning rush, 1,000 → 5,000 open inboxes (and a conversation page for a tenth of them),
/// wide conversations, a soak, and where a circuit's memory goes.
/// </summary>
public static partial class LiveLoad
{
    private const string CircuitGauge = "conversations_live_circuits";
    private const int CrossCheckWindows = 50;

    private sealed record CircuitRun(
        Options Options,
        ServerProcess Server,
        List<Guid> People,
        Dictionary<Guid, string> Cookies,
        List<Target> Targets,
        IServiceProvider Domain,
        CountUnread CountUnread,
        IBrowser Browser,
        HttpClient Http
    )
    {
        public Uri Site => new(Server.PublicUrl);
    }

    private static async Task<(List<Row> Rows, string Report)> CircuitsAsync(
        Options options,
        string connectionString,
        List<Guid> people,
        Dictionary<Guid, string> cookies,
        IServiceProvider domain,
        NpgsqlDataSource sql,
        IBrowser browser,
        int[] levels,
        int rate,
        TimeSpan runFor,
        TimeSpan soakFor
    )
    {
        var report = new StringWriter(CultureInfo.InvariantCulture);
        var (wide, group) = await WideConversationsAsync(domain, sql, people);
        var targets = await TargetsAsync(sql, people);
        await using var server = await ServerProcess.StartAsync(options.ServerDll, connectionString);
        using var http = new HttpClient(
            new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                MaxConnectionsPerServer = 64,
            }
        )
        {
            Timeout = TimeSpan.FromMinutes(2),
        };
        var run = new CircuitRun(
            options,
            server,
            people,
            cookies,
            targets,
            domain,
            domain.GetRequiredService<CountUnread>(),
            browser,
            http
        );
        Console.WriteLine($"Circuits: a second app server (pid {server.Pid}) at {server.BaseUrl}");

        // Warm the server (its JIT, its caches, the pool) with a few windows opened and closed.
        await CloseAllAsync(run, await OpenCircuitsAsync(run, people.Skip(4_900).Take(40).ToList(), "/conversations"));
        await CrossCheckAsync(run, report);
        await RushAsync(run, report, options.Quick);

        var empty = await HeapAsync(run);
        var conversationPages = await ConversationPagesAsync(sql, people, targets.Select(t => t.Conversation));
        var clients = new List<Client>();
        var rows = new List<Row>();
        HeapDump? dumpAt1k = null;
        var circuitsAt1k = 0;
        foreach (var level in levels)
        {
            var clock = Stopwatch.StartNew();
            var newPeople = people
                .Skip(clients.Select(c => c.Person).Distinct().Count())
                .Take(level - clients.Select(c => c.Person).Distinct().Count())
                .ToList();
            var inboxes = await OpenCircuitsAsync(run, newPeople, "/conversations");
            var pages = await OpenCircuitsAsync(
                run,
                newPeople.Where((p, i) => i % 10 == 0 && conversationPages.ContainsKey(p)).ToList(),
                p => $"/conversations/{conversationPages[p]}"
            );
            clients.AddRange(inboxes.Concat(pages));
            Console.WriteLine(
                $"{clients.Count:N0} circuits open ({inboxes.Count:N0} inboxes and {pages.Count:N0} conversation pages opened in {clock.Elapsed.TotalSeconds:0} s)"
            );
            var row = await SendAsync(
                domain,
                server,
                targets,
                clients,
                [],
                run.CountUnread,
                rate,
                runFor,
                $"{level:N0} participants, {clients.Count:N0} circuits",
                killRelayAt: null
            );
            // Measured once messages have flowed: a page that rendered again holds two trees (the one shown and the next).
            var heap = await HeapAsync(run, byType: level == levels[0]);
            if (level == levels[0])
            {
                (dumpAt1k, circuitsAt1k) = (heap.Dump, clients.Count);
            }

            rows.Add(
                row with
                {
                    Participants = level, // people, as the hub rows count them (a tenth have a second window)
                    MemoryPerParticipantKb = (heap.Rss - empty.Rss) / 1024.0 / clients.Count,
                    HeapPerCircuitKb = (heap.Live - empty.Live) / 1024.0 / clients.Count,
                }
            );
            Console.WriteLine(rows[^1]);
        }

        var wideRow = await SendAsync(
            domain,
            server,
            [wide],
            clients,
            [],
            run.CountUnread,
            100,
            runFor,
            "a 10-person conversation, everyone connected (9 badges per message)",
            killRelayAt: null
        );
        var groupRow = await SendAsync(
            domain,
            server,
            [group],
            clients,
            [],
            run.CountUnread,
            20,
            runFor,
            $"a group with {group.Members.Count} managers connected ({group.Members.Count} badges per message)",
            killRelayAt: null
        );
        Console.WriteLine(wideRow);
        Console.WriteLine(groupRow);
        var soak = await SoakAsync(
            domain,
            server,
            targets,
            clients,
            [],
            run.CountUnread,
            rate,
            soakFor,
            "circuits",
            CircuitGauge
        );

        report.WriteLine();
        report.WriteLine(
            $"Live load with Blazor circuits ({DateTime.UtcNow:yyyy-MM-dd}): one app server (its own process) on {Environment.ProcessorCount} cores, each participant's inbox open as a real circuit (plus a conversation page for a tenth of them), {rate} messages/s for {runFor.TotalSeconds:0} s per row:"
        );
        PrintRows(
            [.. rows, wideRow with { Participants = levels[^1] }, groupRow with { Participants = levels[^1] }],
            report
        );
        var top = rows[^1];
        report.WriteLine(
            $"Goal at 5,000 participants with circuits: p99 ≤ 250 ms and 0 lost — {(top.P99 <= 250 && top.Lost == 0 ? "met" : "MISSED")} (p99 {top.P99:0} ms, {top.Lost} lost); "
                + $"managed heap per circuit ≤ 300 KB — {(rows.All(r => r.HeapPerCircuitKb <= 300) ? "met" : "MISSED")} ({string.Join(", ", rows.Select(r => $"{r.HeapPerCircuitKb:0} KB at {r.Participants:N0}"))})."
        );
        report.WriteLine(soak);
        if (dumpAt1k is not null)
        {
            report.WriteLine(
                $"Where a circuit's memory goes (live objects by type, heap dumps at 0 and {levels[0]:N0} participants, per circuit; {(dumpAt1k.Bytes - empty.Dump!.Bytes) / 1024.0 / circuitsAt1k:0} KB in all):"
            );
            report.WriteLine("| type | bytes per circuit | objects per circuit |");
            report.WriteLine("|---|---|---|");
            foreach (var (type, bytes, count) in dumpAt1k.GrowthSince(empty.Dump, circuitsAt1k).Take(15))
            {
                report.WriteLine($"| `{type}` | {bytes:N0} | {count:0.#} |");
            }

            report.WriteLine(
                "Of which render-tree frames, by the component that holds them (two arrays each: the tree shown and the next):"
            );
            report.WriteLine("| component | bytes per circuit | components per circuit |");
            report.WriteLine("|---|---|---|");
            foreach (var (component, (bytes, count)) in dumpAt1k.Frames.OrderByDescending(f => f.Value.Bytes).Take(10))
            {
                var (b, c) = empty.Dump.Frames.GetValueOrDefault(component);
                report.WriteLine(
                    $"| `{component}` | {(bytes - b) / (double)circuitsAt1k:N0} | {(count - c) / (double)circuitsAt1k:0.#} |"
                );
            }
        }

        await CloseAllAsync(run, clients);
        return (rows, report.ToString());
    }

    /// <summary>Opens one window per person on the page, sixteen at a time, each until its first badge.</summary>
    private static Task<List<Client>> OpenCircuitsAsync(CircuitRun run, List<Guid> people, string path) =>
        OpenCircuitsAsync(run, people, _ => path);

    private static async Task<List<Client>> OpenCircuitsAsync(
        CircuitRun run,
        List<Guid> people,
        Func<Guid, string> path,
        int parallel = 16
    )
    {
        var opened = new ConcurrentBag<Client>();
        await Parallel.ForEachAsync(
            people,
            new ParallelOptions { MaxDegreeOfParallelism = parallel },
            async (person, ct) => opened.Add(await OpenAsync(run, person, path(person), ct))
        );
        return [.. opened];
    }

    private static async Task<Client> OpenAsync(CircuitRun run, Guid person, string path, CancellationToken ct)
    {
        var circuit = await BlazorCircuit.OpenAsync(run.Site, path, run.Cookies[person], run.Http, ct);
        var client = new Client(person, circuit: circuit);
        client.Received(circuit.Badge!.Value);
        circuit.BadgeShown += (count, _) => client.Received(count);
        return client;
    }

    private static async Task CloseAllAsync(CircuitRun run, List<Client> clients)
    {
        var open = await run.Server.GaugeAsync(CircuitGauge);
        await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (c, _) =>
            await c.CloseAsync()
        );
        // A server behind its work closes them late: say so and go on (the next row counts what is open when it starts,
        // and the run's server is stopped at the end). A full run once aborted here after its soak, its report unprinted.
        var within = TimeSpan.FromSeconds(120);
        if (
            !await WaitAsync(
                async () => await run.Server.GaugeAsync(CircuitGauge) <= open - clients.Count,
                within,
                orNot: true
            )
        )
        {
            var left = await run.Server.GaugeAsync(CircuitGauge) - (open - clients.Count);
            Console.WriteLine(
                $"The server had not closed {left:N0} of {clients.Count:N0} circuits {within.TotalSeconds:0} s after their windows closed (it is behind); going on."
            );
        }
    }

    private sealed record Heap(long Rss, double Live, HeapDump? Dump);

    /// <summary>
    /// The server's live managed heap after a full collection (its own meter: the heap less its free space) and its RSS;
    /// with <paramref name="byType"/>, also its objects by type (a heap dump, walked).
    /// </summary>
    private static async Task<Heap> HeapAsync(CircuitRun run, bool byType = true)
    {
        var gen2 = await run.Server.GaugeAsync(Gen2Collections);
        async Task<bool> Collected() => await run.Server.GaugeAsync(Gen2Collections) > gen2;
        var dump = byType
            ? await HeapDump.CollectAsync(
                run.Server.Pid,
                Collected,
                Path.Combine(run.Options.DataDirectory, "circuit-load.dmp")
            )
            : null;
        if (!byType)
        {
            await HeapDump.CollectGarbageAsync(run.Server.Pid, Collected);
        }

        await Task.Delay(1_000); // the metrics endpoint may answer from its cache for a moment
        var live =
            await run.Server.GaugeAsync("dotnet_gc_last_collection_heap_size_bytes")
            - await run.Server.GaugeAsync("dotnet_gc_last_collection_heap_fragmentation_size_bytes");
        return new Heap(run.Server.Rss(), live, dump);
    }

    private const string Gen2Collections =
        "dotnet_gc_collections_total{otel_scope_name=\"System.Runtime\",gc_heap_generation=\"gen2\"}";
}

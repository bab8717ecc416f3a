using System.Collections.Concurrent;
using System.Diagnostics;
using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Conversations.Bench;

/// <summary>The measured runs: messages at a steady rate, the relay killed in the middle, the soak, and waiting for every count to be right.</summary>
public static partial class LiveLoad
{
    private static async Task<Row> SendAsync(
        IServiceProvider domain,
        ServerProcess server,
        List<Target> allTargets,
        List<Client> clients,
        List<Tab> tabs,
        CountUnread countUnread,
        int rate,
        TimeSpan duration,
        string name,
        TimeSpan? killRelayAt
    )
    {
        var byPerson = clients.ToLookup(c => c.Person); // a person may have more than one window open
        var targets = allTargets.Where(t => t.Members.Any(byPerson.Contains)).ToList();
        var reply = domain.GetRequiredService<Reply>();
        var deliveries = new ConcurrentBag<(Client Client, int Expected, long At)>();
        var (failed, sent) = (0, 0);
        var cpuBefore = server.Cpu();
        var machineBefore = Circuits.MachineCpu.Now();
        var pausedBefore = await server.GaugeAsync("dotnet_gc_pause_time_seconds_total");
        var generatorCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var inFlight = new SemaphoreSlim(64);
        var pending = new List<Task>();
        var clock = Stopwatch.StartNew();
        Task<(TimeSpan? RelayBack, int SignInsOk, int SignInsTried)>? kill = null;
        var total = (int)(rate * duration.TotalSeconds);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            // Read once: read twice, the clock can pass the due time in between (a negative delay throws).
            if (due - clock.Elapsed is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait);
            }

            if (killRelayAt is { } at && kill is null && clock.Elapsed >= at)
            {
                kill = KillRelayAsync(server);
            }

            var target = targets[Random.Shared.Next(targets.Count)];
            await inFlight.WaitAsync();
            var n = i;
            pending.Add(
                Task.Run(async () =>
                {
                    try
                    {
                        var outcome = await reply.HandleAsync(
                            new ReplyCommand(
                                Actor.Person(target.Sender),
                                new ConversationId(target.Conversation),
                                $"live load {n}"
                            )
                        );
                        var done = Stopwatch.GetTimestamp();
                        if (!outcome.Succeeded)
                        {
                            Interlocked.Increment(ref failed);
                            return;
                        }

                        Interlocked.Increment(ref sent);
                        foreach (var client in target.Members.SelectMany(m => byPerson[m]))
                        {
                            deliveries.Add((client, client.Committed(), done));
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
                })
            );
        }

        await Task.WhenAll(pending);
        var sendingTook = clock.Elapsed;
        var stopped = Stopwatch.StartNew();
        var relay = kill is null ? default : await kill;
        var lost = await SettleAsync(clients, tabs, countUnread, TimeSpan.FromSeconds(10));
        var settledAfter = stopped.Elapsed;
        var serverCpu = server.Cpu() - cpuBefore;
        var machineBusy = Circuits.MachineCpu.Now().BusySince(machineBefore);
        var paused = await server.GaugeAsync("dotnet_gc_pause_time_seconds_total") - pausedBefore;
        var generatorCpu = Process.GetCurrentProcess().TotalProcessorTime - generatorCpuBefore;

        var latencies = deliveries.Select(d => d.Client.LatencyMs(d.Expected, d.At)).ToList();
        var timing = Measure.Summarize(latencies.Where(l => l is not null).Select(l => l!.Value).ToList());
        return new Row(
            name,
            clients.Count,
            sent / sendingTook.TotalSeconds,
            timing.Median,
            timing.P99,
            latencies.Where(l => l is not null).DefaultIfEmpty(0).Max() ?? 0,
            latencies.Count,
            lost,
            failed,
            serverCpu.TotalMilliseconds / Math.Max(1, sent),
            generatorCpu.TotalMilliseconds / Math.Max(1, sent),
            0,
            settledAfter,
            relay.RelayBack,
            relay.SignInsOk,
            relay.SignInsTried,
            MachineBusy: machineBusy,
            GcPausedMs: paused * 1000
        );
    }

    /// <summary>Ends the server's LISTEN connection as an operator's <c>pg_terminate_backend</c> would, then signs people in while it comes back.</summary>
    private static async Task<(TimeSpan? RelayBack, int SignInsOk, int SignInsTried)> KillRelayAsync(
        ServerProcess server
    )
    {
        await using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'conversations-relay' AND datname = current_database()",
                admin
            );
            Console.WriteLine($"  relay connections terminated: {await kill.ExecuteScalarAsync()}");
        }

        var clock = Stopwatch.StartNew();
        var signIns = await Task.WhenAll(
            Enumerable
                .Range(1, 5)
                .Select(async i =>
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
                })
        );
        TimeSpan? back = null;
        await WaitAsync(
            async () =>
            {
                await using var admin = new NpgsqlConnection(server.ConnectionString);
                await admin.OpenAsync();
                await using var count = new NpgsqlCommand(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'conversations-relay' AND datname = current_database() AND state IS NOT NULL",
                    admin
                );
                var listening = (long)(await count.ExecuteScalarAsync())! > 0;
                back ??= listening ? clock.Elapsed : null;
                return listening;
            },
            TimeSpan.FromSeconds(60)
        );
        return (back, signIns.Count(ok => ok), signIns.Length);
    }

    /// <summary>Waits until every client's and tab's last count is the database's; returns how many still differ at the deadline.</summary>
    private static async Task<int> SettleAsync(
        List<Client> clients,
        List<Tab> tabs,
        CountUnread countUnread,
        TimeSpan within
    )
    {
        var deadline = Stopwatch.StartNew();
        var wrong = int.MaxValue;
        while (true)
        {
            var truth = new ConcurrentDictionary<Guid, int>();
            await Parallel.ForEachAsync(
                clients.Select(c => c.Person).Concat(tabs.Select(t => t.Person)).Distinct(),
                new ParallelOptions { MaxDegreeOfParallelism = 8 },
                async (person, ct) => truth[person] = (await countUnread.HandleAsync(person, ct)).Total
            );
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
                    Console.WriteLine(
                        $"  lost: {(client.Circuit is null ? "hub client" : "circuit")} of {client.Person} shows {client.Last}, the database says {truth[client.Person]}"
                    );
                }

                foreach (var (tab, shows) in wrongTabs.Take(5))
                {
                    Console.WriteLine(
                        $"  lost: tab of {tab.Person} shows {shows}, the database says {truth[tab.Person]}"
                    );
                }

                return wrong;
            }

            await Task.Delay(200);
        }
    }

    private static async Task<string> SoakAsync(
        IServiceProvider domain,
        ServerProcess server,
        List<Target> targets,
        List<Client> clients,
        List<Tab> tabs,
        CountUnread countUnread,
        int rate,
        TimeSpan duration,
        string connections = "hub connections",
        string connectionGauge = "conversations_live_hub_connections"
    )
    {
        var people = clients.Select(c => c.Person).Distinct().Count();
        Console.WriteLine(
            $"Soak: {clients.Count:N0} participants, {rate} messages/s for {duration.TotalMinutes:0} min…"
        );
        var samples = new List<(double Minutes, long Rss, double Heap, double Live, double Hubs)>();
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var sampling = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                samples.Add(
                    (
                        clock.Elapsed.TotalMinutes,
                        server.Rss(),
                        await server.HeapAsync(),
                        await server.GaugeAsync("conversations_live_participants"),
                        await server.GaugeAsync(connectionGauge)
                    )
                );
                await Task.Delay(TimeSpan.FromSeconds(15), CancellationToken.None);
            }
        });
        var row = await SendAsync(
            domain,
            server,
            targets,
            clients,
            tabs,
            countUnread,
            rate,
            duration,
            $"soak ({connections})",
            killRelayAt: null
        );
        await stop.CancelAsync();
        await sampling;
        var third = Math.Max(1, samples.Count / 3);
        var (first, last) = (samples.Take(third).ToList(), samples.TakeLast(third).ToList());
        double Growth(Func<(double, long Rss, double Heap, double, double), double> of) =>
            last.Average(of) / Math.Max(1, first.Average(of)) - 1;
        var (rssGrowth, heapGrowth) = (Growth(s => s.Rss), Growth(s => s.Heap));
        // A heap that shrinks is not a leak (collections come when they come): the goal bounds growth only.
        var flat = heapGrowth <= 0.15 && samples.All(s => s.Live == people && s.Hubs == clients.Count);
        return $"Soak with {connections}, {duration.TotalMinutes:0} min at {people:N0} participants ({clients.Count:N0} {connections}) and {row.Rate:0} messages/s: p99 {row.P99:0} ms, {row.Lost} lost, {row.Failed} failed; "
            + $"managed heap {first.Average(s => s.Heap) / 1048576.0:0} → {last.Average(s => s.Heap) / 1048576.0:0} MB ({heapGrowth:+0%;-0%}), RSS {first.Average(s => s.Rss) / 1048576.0:0} → {last.Average(s => s.Rss) / 1048576.0:0} MB ({rssGrowth:+0%;-0%}), "
            + $"live participants {samples.Min(s => s.Live):0}–{samples.Max(s => s.Live):0}, {connections} {samples.Min(s => s.Hubs):0}–{samples.Max(s => s.Hubs):0} over {samples.Count} samples "
            + $"(goal: connections and live states constant, heap grows ≤ 15 % — {(flat ? "met" : "MISSED")}).";
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Conversations.Bench.Circuits;

namespace Conversations.Bench;

/// <summary>The circuit load's morning rush: people opening their inbox at a rising rate.</summary>
public static partial class LiveLoad
{
    /// <summary>
    /// The morning rush: people open their inbox at a rising rate (prerendered page, circuit start, first badge), each
    /// step for a few seconds; the rate the server sustains is the highest whose p99 time-to-interactive is ≤ 1 s.
    /// </summary>
    private static async Task RushAsync(CircuitRun run, TextWriter report, bool quick)
    {
        var stepFor = TimeSpan.FromSeconds(quick ? 5 : 10);
        var pool = run.People.Skip(1_000).ToList();
        var next = 0;
        var lines = new List<string>();
        var sustained = 0;
        foreach (var rate in new[] { 10, 20, 40, 80, 120, 160 })
        {
            var count = (int)(rate * stepFor.TotalSeconds);
            var people = Enumerable.Range(0, count).Select(i => pool[(next + i) % pool.Count]).ToList();
            next += count;
            var opened = new ConcurrentBag<Client>();
            var (tti, prerender) = (new ConcurrentBag<double>(), new ConcurrentBag<double>());
            var failed = 0;
            var cpu = run.Server.Cpu();
            var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
            var machine = MachineCpu.Now();
            var clock = Stopwatch.StartNew();
            var arrivals = new List<Task>();
            for (var i = 0; i < count; i++)
            {
                var due = TimeSpan.FromSeconds((double)i / rate);
                // Read once: read twice, the clock can pass the due time in between (a negative delay throws).
                if (due - clock.Elapsed is { Ticks: > 0 } wait)
                {
                    await Task.Delay(wait);
                }

                var person = people[i];
                arrivals.Add(
                    Task.Run(async () =>
                    {
                        try
                        {
                            var client = await OpenAsync(run, person, "/conversations", CancellationToken.None);
                            opened.Add(client);
                            tti.Add(client.Circuit!.TimeToInteractive.TotalMilliseconds);
                            prerender.Add(client.Circuit.Prerender.TotalMilliseconds);
                        }
                        catch (Exception)
                        {
                            Interlocked.Increment(ref failed);
                        }
                    })
                );
            }

            await Task.WhenAll(arrivals);
            var busy = (run.Server.Cpu() - cpu) / clock.Elapsed / Environment.ProcessorCount;
            var clientBusy =
                (Process.GetCurrentProcess().TotalProcessorTime - ownCpu) / clock.Elapsed / Environment.ProcessorCount;
            var after = MachineCpu.Now();
            var (machineBusy, postgres) = (after.BusySince(machine), after.PostgresSince(machine, clock.Elapsed));
            await CloseAllAsync(run, [.. opened]);
            var (t, p) = (Measure.Summarize([.. tti]), Measure.Summarize([.. prerender]));
            var holds = t.P99 <= 1_000 && failed == 0;
            sustained = holds ? rate : sustained;
            lines.Add(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {rate}/s | {count} | {t.Median:0} ms | {t.P99:0} ms | {p.P99:0} ms | {failed} | {busy:0%} | {postgres:0%} | {clientBusy:0%} | {machineBusy:0%} | {(holds ? "yes" : "no")} |"
                )
            );
            Console.WriteLine($"  rush {lines[^1]}");
            if (t.P99 > 3_000 || failed > count / 10)
            {
                break; // well past the limit: the next step only queues more
            }
        }

        report.WriteLine();
        report.WriteLine(
            $"The morning rush: people open their inbox at a steady rate for {stepFor.TotalSeconds:0} s per step (prerendered page, circuit start, first badge), nobody else connected:"
        );
        report.WriteLine(
            "| opened | windows | time to interactive p50 | p99 | prerender p99 | failed | app server CPU | PostgreSQL CPU | this client's CPU | machine CPU | p99 ≤ 1 s |"
        );
        report.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        lines.ForEach(report.WriteLine);
        report.WriteLine($"Sustained with p99 time-to-interactive ≤ 1 s: {sustained} inboxes opened per second.");
    }
}

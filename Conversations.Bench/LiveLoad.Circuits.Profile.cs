using System.Globalization;
using Conversations.Bench.Circuits;

namespace Conversations.Bench;

/// <summary>The <c>heap</c> command: where an app server's memory per inbox circuit goes, for whoever works on it.</summary>
public static partial class LiveLoad
{
    /// <summary>The live objects by type an app server holds per inbox circuit (the largest first), for <c>heap</c>.</summary>
    public static async Task ProfileCircuitsAsync(Uri site, int pid, int windows, TextWriter output)
    {
        var cookies = File.ReadAllLines(Path.Combine(".data", "live-load-cookies.tsv"))
            .Select(l => l.Split('\t'))
            .Take(windows + 20)
            .ToList();
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        using var metrics = new HttpClient();
        async Task<HeapDump> Dump()
        {
            async Task<double> Gen2() =>
                (await metrics.GetStringAsync(new Uri(site, "/metrics")))
                    .Split('\n')
                    .Where(l => l.StartsWith(Gen2Collections, StringComparison.Ordinal))
                    .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
            var before = await Gen2();
            return await HeapDump.CollectAsync(
                pid,
                async () => await Gen2() > before,
                Path.Combine(".data", "heap.dmp")
            );
        }

        // Warm: the first windows pay for JIT and caches that stay whatever comes after.
        foreach (var warm in cookies.Skip(windows).Select(c => c[1]))
        {
            await (await BlazorCircuit.OpenAsync(site, "/conversations", warm, http)).DisposeAsync();
        }

        var empty = await Dump();
        var open = new List<BlazorCircuit>();
        foreach (var cookie in cookies.Take(windows).Select(c => c[1]))
        {
            open.Add(await BlazorCircuit.OpenAsync(site, "/conversations", cookie, http));
        }

        var full = await Dump();
        output.WriteLine(
            $"{(full.Bytes - empty.Bytes) / 1024.0 / open.Count:0} KB of live objects per inbox circuit ({open.Count} windows; {(full.Objects - empty.Objects) / (double)open.Count:0} objects each)"
        );
        foreach (var (type, bytes, count) in full.GrowthSince(empty, open.Count).Take(40))
        {
            output.WriteLine($"{bytes, 10:N0} B {count, 8:0.#}  {type}");
        }

        output.WriteLine("By namespace:");
        foreach (
            var group in full.GrowthSince(empty, open.Count)
                .GroupBy(t => Namespace(t.Type))
                .OrderByDescending(g => g.Sum(t => t.Bytes))
                .Take(15)
        )
        {
            output.WriteLine($"{group.Sum(t => t.Bytes), 10:N0} B {group.Sum(t => t.Count), 8:0.#}  {group.Key}");
        }

        if (Environment.GetEnvironmentVariable("BENCH_HEAP_TYPES") is { Length: > 0 } filter)
        {
            foreach (
                var t in full.GrowthSince(empty, open.Count)
                    .Where(t => t.Type.Contains(filter, StringComparison.Ordinal))
                    .Take(80)
            )
            {
                output.WriteLine($"{t.Bytes, 10:N0} B {t.Count, 8:0.#}  {t.Type}");
            }
        }

        output.WriteLine("Render-tree frames held per circuit, by component:");
        foreach (var (component, (bytes, count)) in full.Frames.OrderByDescending(f => f.Value.Bytes).Take(40))
        {
            var (b, c) = empty.Frames.GetValueOrDefault(component);
            output.WriteLine(
                $"{(bytes - b) / (double)open.Count, 10:N0} B {(count - c) / (double)open.Count, 6:0.#}  {component}"
            );
        }

        foreach (var circuit in open)
        {
            await circuit.DisposeAsync();
        }
    }

    private static string Namespace(string type)
    {
        var generic = type.IndexOf('<');
        var plain = generic < 0 ? type : type[..generic];
        var parts = plain.Split('.');
        return string.Join('.', parts.Take(Math.Min(3, parts.Length - 1)));
    }
}

using System.Globalization;

namespace Conversations.Bench;

/// <summary>The live load's table and its plot.</summary>
public static partial class LiveLoad
{
    private static void PrintRows(List<Row> rows, TextWriter output)
    {
        output.WriteLine(
            "| run | participants | msg/s | push p50 | push p99 | push max | pushes | lost | refused/failed | server CPU/msg | generator CPU/msg | server RSS/participant | managed heap/circuit | machine CPU | server GC pauses |"
        );
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            output.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {r.Name} | {r.Participants:N0} | {r.Rate:0} | {r.P50:0.0} ms | {r.P99:0.0} ms | {r.Max:0} ms | {r.Pushes:N0} | {r.Lost} | {r.Failed} | {r.ServerCpuMs:0.00} ms | {r.GeneratorCpuMs:0.00} ms | {(r.MemoryPerParticipantKb > 0 ? $"{r.MemoryPerParticipantKb:0} KB" : "—")} | {(r.HeapPerCircuitKb > 0 ? $"{r.HeapPerCircuitKb:0} KB" : "—")} | {r.MachineBusy:0%} | {r.GcPausedMs:0} ms |"
                )
            );
        }
    }

    /// <summary>p50 and p99 against participants (hub clients, and Blazor circuits), as an SVG the README shows.</summary>
    private static async Task DrawPlotAsync(List<Row> hubRows, List<Row> circuitRows, string file)
    {
        var rows = hubRows.Concat(circuitRows).ToList();
        const int width = 560,
            height = 320,
            left = 60,
            right = 20,
            top = 30,
            bottom = 50;
        var maxX = rows.Max(r => r.Participants) * 1.05;
        var maxY = Math.Max(300, rows.Max(r => r.P99) * 1.15);
        string X(double v) =>
            (left + (v / maxX * (width - left - right))).ToString("0.0", CultureInfo.InvariantCulture);
        string Y(double v) =>
            (height - bottom - (v / maxY * (height - top - bottom))).ToString("0.0", CultureInfo.InvariantCulture);
        var svg = new System.Text.StringBuilder();
        svg.AppendLine(
            CultureInfo.InvariantCulture,
            $"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12" role="img" aria-label="Badge latency against connected participants, hub clients and Blazor circuits">"""
        );
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<rect width="{width}" height="{height}" fill="white"/>""");
        svg.AppendLine(
            CultureInfo.InvariantCulture,
            $"""<text x="{left}" y="18" font-weight="bold">Badge latency, commit → client, {DateTime.UtcNow:yyyy-MM-dd}</text>"""
        );
        svg.AppendLine(
            CultureInfo.InvariantCulture,
            $"""<line x1="{left}" y1="{Y(0)}" x2="{width - right}" y2="{Y(0)}" stroke="#333"/><line x1="{left}" y1="{Y(0)}" x2="{left}" y2="{top}" stroke="#333"/>"""
        );
        svg.AppendLine(
            CultureInfo.InvariantCulture,
            $"""<line x1="{left}" y1="{Y(250)}" x2="{width - right}" y2="{Y(250)}" stroke="#b00020" stroke-dasharray="4 4"/><text x="{width - right - 90}" y="{double.Parse(Y(250), CultureInfo.InvariantCulture) - 4}" fill="#b00020">goal p99 250 ms</text>"""
        );
        foreach (var r in rows)
        {
            svg.AppendLine(
                CultureInfo.InvariantCulture,
                $"""<text x="{X(r.Participants)}" y="{height - bottom + 16}" text-anchor="middle">{r.Participants:N0}</text>"""
            );
        }

        for (var v = 0.0; v <= maxY; v += maxY > 600 ? 200 : 50)
        {
            svg.AppendLine(
                CultureInfo.InvariantCulture,
                $"""<text x="{left - 6}" y="{Y(v)}" text-anchor="end" dominant-baseline="middle">{v:0}</text>"""
            );
        }

        foreach (
            var (series, p99Color, p50Color) in new[]
            {
                (hubRows, "#1a56db", "#047857"),
                (circuitRows, "#c2410c", "#7c3aed"),
            }
        )
        {
            if (series.Count == 0)
            {
                continue;
            }

            string Points(Func<Row, double> of) =>
                string.Join(" ", series.Select(r => $"{X(r.Participants)},{Y(of(r))}"));
            svg.AppendLine(
                CultureInfo.InvariantCulture,
                $"""<polyline points="{Points(r => r.P99)}" fill="none" stroke="{p99Color}" stroke-width="2"/><polyline points="{Points(r => r.P50)}" fill="none" stroke="{p50Color}" stroke-width="2" stroke-dasharray="2 3"/>"""
            );
            foreach (var r in series)
            {
                svg.AppendLine(
                    CultureInfo.InvariantCulture,
                    $"""<circle cx="{X(r.Participants)}" cy="{Y(r.P99)}" r="3" fill="{p99Color}"/><text x="{X(r.Participants)}" y="{double.Parse(Y(r.P99), CultureInfo.InvariantCulture) - 8}" text-anchor="middle" fill="{p99Color}">{r.P99:0} ms</text>"""
                );
            }
        }

        svg.AppendLine(
            CultureInfo.InvariantCulture,
            $"""<text x="{(width + left) / 2}" y="{height - 12}" text-anchor="middle">connected participants (200 messages/s)</text>"""
        );
        svg.AppendLine(
            CultureInfo.InvariantCulture,
            $"""<text x="{left + 10}" y="{top + 10}" fill="#1a56db">hub clients p99</text><text x="{left + 110}" y="{top + 10}" fill="#047857">p50</text><text x="{left + 150}" y="{top + 10}" fill="#c2410c">Blazor circuits p99</text><text x="{left + 275}" y="{top + 10}" fill="#7c3aed">p50</text>"""
        );
        svg.AppendLine("</svg>");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        await File.WriteAllTextAsync(file, svg.ToString());
    }
}

using System.Globalization;

namespace Conversations.Bench;

/// <summary>One line of the results: ours against the baseline measured in the same run, and whether the goal is met.</summary>
public sealed record Result(
    string Metric,
    string Unit,
    double Ours,
    double? Baseline,
    string Goal,
    bool Met,
    string? Note = null
)
{
    public const string NoGoal = "(measured, no goal)";

    public bool HasGoal => Goal != NoGoal;

    public string Ratio =>
        Baseline is { } b && b > 0 ? (Ours / b).ToString("0.00", CultureInfo.InvariantCulture) + "×" : "—";
}

public static class Report
{
    public static void Print(IReadOnlyList<Result> results, TextWriter output)
    {
        string F(double v) => v.ToString(v >= 100 ? "0" : "0.00", CultureInfo.InvariantCulture);
        var rows = results
            .Select(r =>
                new[]
                {
                    r.Metric,
                    $"{F(r.Ours)} {r.Unit}",
                    r.Baseline is { } b ? $"{F(b)} {r.Unit}" : "—",
                    r.Ratio,
                    r.Goal,
                    !r.HasGoal ? ""
                    : r.Met ? "met"
                    : "MISSED",
                }
            )
            .ToList();
        string[] header = ["metric", "ours", "baseline", "ratio", "goal", ""];
        var widths = header
            .Select((h, i) => Math.Max(h.Length, rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max()))
            .ToArray();
        string Line(string[] cells) => "| " + string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))) + " |";
        output.WriteLine(Line(header));
        output.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        foreach (var row in rows)
        {
            output.WriteLine(Line(row));
        }

        foreach (var note in results.Where(r => r.Note is not null))
        {
            output.WriteLine($"  {note.Metric}: {note.Note}");
        }

        var goals = results.Where(r => r.HasGoal).ToList();
        output.WriteLine($"{goals.Count(r => r.Met)} of {goals.Count} goals met.");
    }
}

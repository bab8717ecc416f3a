using System.Globalization;

namespace Conversations.Bench.Circuits;

/// <summary>
/// CPU time of the whole machine and of its PostgreSQL processes, from Linux's /proc: on one machine the app server,
/// PostgreSQL and the load's own client share the cores, and a limit may be any of theirs.
/// </summary>
public readonly record struct MachineCpu(long Busy, long Total, long Postgres)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public static MachineCpu Now()
    {
        var fields = File.ReadLines("/proc/stat")
            .First(l => l.StartsWith("cpu ", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture))
            .ToArray();
        var idle = fields[3] + fields[4]; // idle and iowait
        return new MachineCpu(fields.Sum() - idle, fields.Sum(), PostgresTicks());
    }

    /// <summary>The share of all cores busy between <paramref name="before"/> and this reading.</summary>
    public double BusySince(MachineCpu before) =>
        Total == before.Total ? 0 : (Busy - before.Busy) / (double)(Total - before.Total);

    /// <summary>PostgreSQL's share of all cores between <paramref name="before"/> and this reading.</summary>
    public double PostgresSince(MachineCpu before, TimeSpan elapsed) =>
        (Postgres - before.Postgres) / TicksPerSecond / elapsed.TotalSeconds / Environment.ProcessorCount;

    private static long PostgresTicks()
    {
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "comm")).Trim() != "postgres")
                {
                    continue;
                }

                // After the command's closing parenthesis: state is field 3, utime 14 and stime 15 (1-based).
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks +=
                    long.Parse(rest[11], CultureInfo.InvariantCulture)
                    + long.Parse(rest[12], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // the process ended meanwhile
            }
        }

        return ticks;
    }
}

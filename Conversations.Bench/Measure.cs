using System.Diagnostics;

namespace Conversations.Bench;

/// <summary>Times an operation many times after a warm-up; reports the median and the 99th percentile in milliseconds.</summary>
public static class Measure
{
    public sealed record Timing(double Median, double P99, int Samples);

    /// <summary>
    /// Ours and the baseline in alternation (warm-up, then one of each per round), so both meet the same caches, JIT
    /// tiers and background noise.
    /// </summary>
    public static async Task<(Timing Ours, Timing Baseline)> CompareAsync(Func<Task> ours, Func<Task> baseline, int warmup, int iterations)
    {
        for (var i = 0; i < warmup; i++)
        {
            await ours();
            await baseline();
        }

        var (oursSamples, baselineSamples) = (new double[iterations], new double[iterations]);
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await ours();
            oursSamples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            start = Stopwatch.GetTimestamp();
            await baseline();
            baselineSamples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return (Summarize(oursSamples), Summarize(baselineSamples));
    }

    public static Timing Summarize(IReadOnlyCollection<double> samples)
    {
        var sorted = samples.Order().ToArray();
        return new Timing(Percentile(sorted, 0.5), Percentile(sorted, 0.99), sorted.Length);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>Operations per second over <paramref name="duration"/> with <paramref name="workers"/> concurrent loops.</summary>
    public static async Task<double> ThroughputAsync(int workers, TimeSpan duration, Func<int, int, Task> operation)
    {
        var done = 0L;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; clock.Elapsed < duration; i++)
            {
                await operation(worker, i);
                Interlocked.Increment(ref done);
            }
        })));
        return done / clock.Elapsed.TotalSeconds;
    }
}

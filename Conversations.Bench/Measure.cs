using System.Diagnostics;

namespace Conversations.Bench;

/// <summary>Times an operation many times after a warm-up; reports the median and the 99th percentile in milliseconds.</summary>
public static class Measure
{
    public sealed record Timing(double Median, double P99, int Samples);

    /// <summary>How long a comparison warms up at least (see <see cref="CompareAsync"/>).</summary>
    public static readonly TimeSpan SteadyState = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Ours and the baseline in alternation (warm-up, then one of each per round), so both meet the same caches, JIT
    /// tiers and background noise.
    /// </summary>
    /// <remarks>
    /// The warm-up lasts <paramref name="warmup"/> rounds and at least <see cref="SteadyState"/>: the runtime compiles a
    /// method again, optimized, only after it has been called a while and its queue has been quiet for a moment, so a
    /// count alone can end while the side with more code (ours) still runs some of it unoptimized — measured on the
    /// inbox row: 1.36× in a first round of 1,500, 1.15× in the next. A server runs at that steady state for hours.
    /// </remarks>
    public static async Task<(Timing Ours, Timing Baseline)> CompareAsync(
        Func<Task> ours,
        Func<Task> baseline,
        int warmup,
        int iterations
    )
    {
        var warming = Stopwatch.StartNew();
        for (var i = 0; i < warmup || warming.Elapsed < SteadyState; i++)
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
        sorted.Length == 0
            ? double.NaN
            : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>Operations per second over <paramref name="duration"/> with <paramref name="workers"/> concurrent loops.</summary>
    public static async Task<double> ThroughputAsync(int workers, TimeSpan duration, Func<int, int, Task> operation)
    {
        var done = 0L;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(
            Enumerable
                .Range(0, workers)
                .Select(worker =>
                    Task.Run(async () =>
                    {
                        for (var i = 0; clock.Elapsed < duration; i++)
                        {
                            await operation(worker, i);
                            Interlocked.Increment(ref done);
                        }
                    })
                )
        );
        return done / clock.Elapsed.TotalSeconds;
    }
}

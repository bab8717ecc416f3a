using System.Collections.Concurrent;

namespace Conversations.Domain.Messaging;

/// <summary>
/// Token buckets kept in this server's memory, one per person, that drip by the buckets' clock
/// (<see cref="RateLimitOptions.Clock"/>) — the same arithmetic as the buckets in PostgreSQL, for limits that need not
/// cost a write. Full buckets are forgotten now and then: a person who stopped costs nothing.
/// </summary>
internal sealed class MemoryTokenBuckets(int capacity, double perSecond, TimeProvider clock)
{
    private const int SweepEvery = 4096;
    private readonly ConcurrentDictionary<Guid, Bucket> buckets = new();
    private int taken;

    /// <summary>Takes a token of <paramref name="person"/>'s bucket; null when taken, else how long until one drips in.</summary>
    public TimeSpan? Take(Guid person)
    {
        var now = clock.GetTimestamp();
        var bucket = buckets.GetOrAdd(person, _ => new Bucket(capacity, now));
        TimeSpan? wait;
        lock (bucket)
        {
            bucket.Refill(now, capacity, perSecond, clock);
            wait =
                bucket.Tokens >= 1
                    ? null
                    : TimeSpan.FromSeconds(perSecond <= 0 ? 3600 : (1 - bucket.Tokens) / perSecond);
            if (wait is null)
            {
                bucket.Tokens -= 1;
            }
        }

        if (Interlocked.Increment(ref taken) % SweepEvery == 0)
        {
            Sweep(now);
        }

        return wait;
    }

    private void Sweep(long now)
    {
        foreach (var (person, bucket) in buckets)
        {
            lock (bucket)
            {
                bucket.Refill(now, capacity, perSecond, clock);
                if (bucket.Tokens >= capacity)
                {
                    buckets.TryRemove(new KeyValuePair<Guid, Bucket>(person, bucket));
                }
            }
        }
    }

    private sealed class Bucket(double tokens, long updated)
    {
        public double Tokens { get; set; } = tokens;

        public void Refill(long now, int capacity, double perSecond, TimeProvider clock)
        {
            Tokens = Math.Min(capacity, Tokens + (clock.GetElapsedTime(updated, now).TotalSeconds * perSecond));
            updated = now;
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Conversations.Bench.Generation;
using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Conversations.Bench;

/// <summary>The live path: commit to callback, and what one LISTEN connection can carry.</summary>
public static partial class BenchmarkRun
{
    /// <summary>How many notifications per second one server's relay takes from PostgreSQL and hands to subscribers.</summary>
    private static async Task<Result> RelayThroughputAsync(
        IServiceProvider provider,
        NpgsqlDataSource raw,
        int notifications
    )
    {
        var received = 0;
        var everyone = new TaskCompletionSource();
        var subscriber = Shape.PersonId(1);
        using var subscription = provider
            .GetRequiredService<ConversationNotifier>()
            .Subscribe(subscriber, _ =>
            {
                if (Interlocked.Increment(ref received) == notifications)
                {
                    everyone.TrySetResult();
                }

                return Task.CompletedTask;
            });

        var clock = Stopwatch.StartNew();
        const int perTransaction = 500;
        for (var sent = 0; sent < notifications; sent += perTransaction)
        {
            await using var command = raw.CreateCommand(
                $"""
                SELECT pg_notify('{EventEnvelopeChannel}', json_build_object('Kind', 'posted', 'Conversation', gen_random_uuid(), 'Actor', $1::uuid,
                                 'Seq', n, 'To', json_build_array($1::uuid))::text)
                  FROM generate_series(1, {perTransaction}) AS n
                """
            );
            command.Parameters.Add(new NpgsqlParameter { Value = subscriber });
            await command.ExecuteNonQueryAsync();
        }

        await everyone.Task.WaitAsync(TimeSpan.FromMinutes(2));
        var perSecond = notifications / clock.Elapsed.TotalSeconds;
        return new Result(
            "NOTIFY relay capacity (one server, one LISTEN connection)",
            "notif/s",
            perSecond,
            null,
            Result.NoGoal,
            true,
            $"{notifications:N0} notifications sent in transactions of {perTransaction}, all delivered to a subscriber"
        );
    }

    private const string EventEnvelopeChannel = "conversation_events";

    /// <summary>2,000 participants subscribed on this "server"; messages committed to their conversations; time until each callback runs.</summary>
    private static async Task<Result> NotifierLatencyAsync(
        IServiceProvider provider,
        NpgsqlDataSource raw,
        int messages
    )
    {
        var notifier = provider.GetRequiredService<ConversationNotifier>();
        var arrived = new ConcurrentDictionary<(Guid, long), long>();
        var subscribers = Enumerable.Range(1, 2_000).Select(Shape.PersonId).ToList();
        var subscriptions = subscribers
            .Select(id => notifier.Subscribe(id, e =>
                {
                    if (e is MessagePosted posted)
                    {
                        arrived.TryAdd((posted.ConversationId, posted.Seq), Stopwatch.GetTimestamp());
                    }

                    return Task.CompletedTask;
                }))
            .ToList();

        // Conversations of subscribed people, written to by their other member.
        var targets = new List<(Guid Conversation, Guid Sender)>();
        await using (
            var command = raw.CreateCommand(
                """
                SELECT DISTINCT ON (m."ConversationId") m."ConversationId", o."ParticipantId"
                  FROM "ConversationMembers" m JOIN "ConversationMembers" o ON o."ConversationId" = m."ConversationId" AND o."ParticipantId" <> m."ParticipantId"
                 WHERE m."ParticipantId" = ANY($1) LIMIT 200
                """
            )
        )
        {
            command.Parameters.Add(new NpgsqlParameter { Value = subscribers.ToArray() });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                targets.Add((reader.GetGuid(0), reader.GetGuid(1)));
            }
        }

        var reply = provider.GetRequiredService<Reply>();
        var latencies = new ConcurrentBag<double>();
        for (var i = 0; i < messages; i++)
        {
            var (conversation, sender) = targets[i % targets.Count];
            var sent = await reply.HandleAsync(
                new ReplyCommand(Actor.Person(sender), new ConversationId(conversation), $"latency {i}")
            );
            var committed = Stopwatch.GetTimestamp();
            var key = (conversation, sent.Value!.Seq);
            var deadline = Stopwatch.StartNew();
            while (!arrived.ContainsKey(key) && deadline.Elapsed < TimeSpan.FromSeconds(5))
            {
                await Task.Yield();
            }

            latencies.Add(
                arrived.TryGetValue(key, out var at)
                    ? Math.Max(0, Stopwatch.GetElapsedTime(committed, at).TotalMilliseconds)
                    : 5_000
            );
        }

        subscriptions.ForEach(s => s.Dispose());
        var timing = Measure.Summarize(latencies);
        return new Result(
            "commit → notifier callback, 2,000 subscribers, p99",
            "ms",
            timing.P99,
            null,
            "≤ 50 ms",
            timing.P99 <= 50,
            $"median {timing.Median:0.00} ms over {timing.Samples} messages"
        );
    }
}

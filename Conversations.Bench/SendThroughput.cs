using Conversations.Bench.Generation;
using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Conversations.Bench;

/// <summary>How many messages per second 16 concurrent senders get through.</summary>
public static partial class BenchmarkRun
{
    /// <summary>16 senders, each in a conversation of their own, for a fixed time; the baseline writes the same rows' worth with Npgsql.</summary>
    private static async Task<Result> SendThroughputAsync(
        IServiceProvider provider,
        NpgsqlDataSource raw,
        TimeSpan duration
    )
    {
        var pairs = await SendersAsync(raw);
        var ours = Replies(provider, pairs);

        var baselineConversations = Enumerable
            .Range(0, Senders)
            .Select(w => Shape.ConversationId(Shape.Full.HeavyConversations + 200 + w))
            .ToArray();
        const long seqBase = 1_000_000_000;
        Func<int, int, Task> Baseline(long firstSeq) =>
            async (worker, i) =>
            {
                await using var connection = await raw.OpenConnectionAsync();
                await using var transaction = await connection.BeginTransactionAsync();
                await using var batch = new NpgsqlBatch(connection, transaction)
                {
                    BatchCommands =
                    {
                        new NpgsqlBatchCommand(
                            """INSERT INTO "Messages" ("ConversationId", "Seq", "SenderId", "Body", "SentAt") VALUES ($1, $2, $3, $4, now())"""
                        )
                        {
                            Parameters =
                            {
                                new() { Value = baselineConversations[worker] },
                                new() { Value = firstSeq + i },
                                new() { Value = pairs[worker].Sender },
                                new() { Value = $"baseline {i}" },
                            },
                        },
                        new NpgsqlBatchCommand("SELECT pg_notify('bench_baseline', $1)")
                        {
                            Parameters = { new() { Value = $"{worker}:{i}" } },
                        },
                    },
                };
                await batch.ExecuteNonQueryAsync();
                await transaction.CommitAsync();
            };

        // Both sides warm up first (prepared statements, caches, the writer's lanes), then alternate twice.
        var warmup = duration / 5;
        await Measure.ThroughputAsync(Senders, warmup, ours);
        await Measure.ThroughputAsync(Senders, warmup, Baseline(seqBase + 500_000_000));
        var oursRate = 0.0;
        var baseline = 0.0;
        for (var round = 0; round < 2; round++)
        {
            oursRate += await Measure.ThroughputAsync(Senders, duration / 2, ours) / 2;
            baseline +=
                await Measure.ThroughputAsync(Senders, duration / 2, Baseline(seqBase + (round * 100_000_000))) / 2;
        }

        await using (var cleanup = raw.CreateCommand("""DELETE FROM "Messages" WHERE "Seq" >= $1"""))
        {
            cleanup.Parameters.Add(new NpgsqlParameter { Value = seqBase });
            await cleanup.ExecuteNonQueryAsync();
        }

        return new Result(
            "send throughput, 16 concurrent senders",
            "msg/s",
            oursRate,
            baseline,
            "≥ 1.0×",
            oursRate >= baseline,
            "each side warmed up, then measured twice, alternating; ours shares commits between replies that arrive together (group commit)"
        );
    }

    private const int Senders = 16;

    /// <summary>The send rows' senders: 16 of the newest conversations, one member of each.</summary>
    private static async Task<List<(Guid Conversation, Guid Sender)>> SendersAsync(NpgsqlDataSource raw)
    {
        var pairs = new List<(Guid Conversation, Guid Sender)>();
        await using var command = raw.CreateCommand(
            """
            SELECT m."ConversationId", m."ParticipantId" FROM "ConversationMembers" m
             WHERE m."ConversationId" IN (SELECT "Id" FROM "Conversations" ORDER BY "Id" DESC LIMIT 200)
             ORDER BY m."ConversationId" DESC
            """
        );
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync() && pairs.Count < Senders)
        {
            var conversation = reader.GetGuid(0);
            if (pairs.All(p => p.Conversation != conversation))
            {
                pairs.Add((conversation, reader.GetGuid(1)));
            }
        }

        return pairs;
    }

    /// <summary>Sender <c>worker</c>'s <c>i</c>-th reply, through the product's use case.</summary>
    private static Func<int, int, Task> Replies(IServiceProvider provider, List<(Guid Conversation, Guid Sender)> pairs)
    {
        var reply = provider.GetRequiredService<Reply>();
        return async (worker, i) =>
        {
            var sent = await reply.HandleAsync(
                new ReplyCommand(
                    Actor.Person(pairs[worker].Sender),
                    new ConversationId(pairs[worker].Conversation),
                    $"bench message {i}"
                )
            );
            if (!sent.Succeeded)
            {
                throw new InvalidOperationException(sent.Problem.ToString());
            }
        };
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Conversations.Bench.Generation;
using Conversations.Domain;
using Conversations.Domain.Messaging;
using Conversations.Domain.Realtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Conversations.Bench;

/// <summary>
/// Every measurement of the product next to the cheapest hand-written SQL or Npgsql call doing the same work,
/// both measured here, now, on this machine and this database.
/// </summary>
public static class BenchmarkRun
{
    private static readonly Guid Heavy = Shape.PersonId(0);

    public static async Task<int> RunAsync(string connectionString, bool quick)
    {
        var (warmup, iterations) = quick ? (20, 100) : (50, 400);
        var services = new ServiceCollection().AddLogging();
        // Benchmark senders write far faster than any person: the product's rate limits are lifted here.
        services.AddConversationsDomain(connectionString, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RateLimits:MessagesPerMinute"] = "100000000", ["RateLimits:MessageBurst"] = "100000000", ["RateLimits:ConversationsPerHour"] = "100000000",
        }).Build());
        await using var provider = services.BuildServiceProvider();
        // The baseline gets the same prepared statements as the product: the comparison is of the work, not of the planning.
        await using var raw = NpgsqlDataSource.Create(Domain.Persistence.DatabaseConnection.ForUseCases(connectionString));
        var results = new List<Result>();

        Console.WriteLine($"Measuring ({iterations} timed runs after {warmup} warm-up runs each)…");
        results.Add(await InboxFirstPageAsync(provider, raw, warmup, iterations));
        results.Add(await InboxDeepPageAsync(provider, raw, warmup, iterations));
        results.Add(await UnreadTotalAsync(provider, raw, warmup, iterations));
        results.Add(await OpenLongConversationAsync(provider, raw, warmup, iterations));
        results.Add(await SearchAsync(provider, raw, warmup, iterations));
        results.Add(await SendThroughputAsync(provider, raw, quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(10)));
        var relay = provider.GetRequiredService<NotificationRelay>();
        await relay.StartAsync(CancellationToken.None);
        await relay.Listening.WaitAsync(TimeSpan.FromSeconds(10));
        results.Add(await NotifierLatencyAsync(provider, raw, quick ? 200 : 1000));
        results.Add(await RelayThroughputAsync(provider, raw, quick ? 20_000 : 100_000));
        await relay.StopAsync(CancellationToken.None);
        results.Add(await CircuitMemory.MeasureAsync(connectionString, quick ? 20 : 50));

        Console.WriteLine();
        Console.WriteLine($"Benchmark of {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores, {Environment.OSVersion}:");
        Report.Print(results, Console.Out);
        return 0;
    }

    /// <summary>The inbox's rows as the screen needs them (the others as JSON, the last message, the unread count), read straight with Npgsql.</summary>
    private const string InboxSql = """
        SELECT m."ConversationId", m."LastActivityAt", m."LastSeq" - m."LastReadSeq", left(lm."Body", 151), lm."SenderId",
               (SELECT json_agg(json_build_object('Id', p."Id", 'DisplayName', p."DisplayName", 'Nickname', p."Nickname", 'PictureVersion', p."PictureVersion",
                                                  'JoinedAt', p."JoinedAt", 'IsGroup', p."IsGroup", 'IsDeleted', p."DeletedAt" IS NOT NULL) ORDER BY p."DisplayName")::text
                  FROM "ConversationMembers" o JOIN "Participants" p ON p."Id" = o."ParticipantId"
                 WHERE o."ConversationId" = m."ConversationId" AND o."ParticipantId" <> $1)
          FROM "ConversationMembers" m
          JOIN "Messages" lm ON lm."ConversationId" = m."ConversationId" AND lm."Seq" = m."LastSeq"
         WHERE m."ParticipantId" = $1 AND (m."LastActivityAt", m."ConversationId") < ($2, $3)
         ORDER BY m."LastActivityAt" DESC, m."ConversationId" DESC
         LIMIT 21
        """;

    private static async Task<int> ReadAllAsync(NpgsqlDataSource raw, string sql, params object[] parameters)
    {
        await using var command = raw.CreateCommand(sql);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                _ = reader.GetValue(i);
            }

            rows++;
        }

        return rows;
    }

    private static async Task<Result> InboxFirstPageAsync(IServiceProvider provider, NpgsqlDataSource raw, int warmup, int iterations)
    {
        var inbox = provider.GetRequiredService<GetInbox>();
        Func<Task> oursRun = async () => _ = (await inbox.HandleAsync(Heavy)).Value!.Rows.Count;
        Func<Task> baselineRun = () => ReadAllAsync(raw, InboxSql, Heavy, DateTimeOffset.MaxValue, Guid.Empty);
        var (ours, baseline) = await Measure.CompareAsync(oursRun, baselineRun, warmup, iterations);
        return new Result("inbox first page (20 rows) for heavy", "ms", ours.Median, baseline.Median, "≤ 1.5× and ≤ 10 ms",
            ours.Median <= 1.5 * baseline.Median && ours.Median <= 10);
    }

    private static async Task<Result> InboxDeepPageAsync(IServiceProvider provider, NpgsqlDataSource raw, int warmup, int iterations)
    {
        await using var command = raw.CreateCommand("""
            SELECT "LastActivityAt", "ConversationId" FROM "ConversationMembers" WHERE "ParticipantId" = $1
             ORDER BY "LastActivityAt" DESC, "ConversationId" DESC OFFSET 3979 LIMIT 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = Heavy });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var cursor = new InboxCursor(reader.GetFieldValue<DateTimeOffset>(0), reader.GetGuid(1));
        await reader.DisposeAsync();

        var inbox = provider.GetRequiredService<GetInbox>();
        Func<Task> oursRun = async () => _ = (await inbox.HandleAsync(Heavy, cursor)).Value!.Rows.Count;
        Func<Task> baselineRun = () => ReadAllAsync(raw, InboxSql, Heavy, cursor.LastActivityAt, cursor.ConversationId);
        var (ours, baseline) = await Measure.CompareAsync(oursRun, baselineRun, warmup, iterations);
        return new Result("inbox page 200 for heavy (keyset)", "ms", ours.Median, baseline.Median, "≤ 1.5×", ours.Median <= 1.5 * baseline.Median);
    }

    private static async Task<Result> UnreadTotalAsync(IServiceProvider provider, NpgsqlDataSource raw, int warmup, int iterations)
    {
        var count = provider.GetRequiredService<CountUnread>();
        Func<Task> oursRun = async () => _ = (await count.HandleAsync(Heavy)).Total;
        Func<Task> baselineRun = () => ReadAllAsync(raw, """
            SELECT sum("LastSeq" - "LastReadSeq") FROM "ConversationMembers" WHERE "ParticipantId" = $1
            """, Heavy);
        var (ours, baseline) = await Measure.CompareAsync(oursRun, baselineRun, warmup, iterations);
        return new Result("total unread for heavy", "ms", ours.Median, baseline.Median, "≤ 1.5× and ≤ 5 ms",
            ours.Median <= 1.5 * baseline.Median && ours.Median <= 5);
    }

    private static async Task<Result> OpenLongConversationAsync(IServiceProvider provider, NpgsqlDataSource raw, int warmup, int iterations)
    {
        var conversation = Shape.ConversationId(Shape.Full.HeavyConversations + 1); // one of the 5,000-message conversations
        await using var command = raw.CreateCommand("""SELECT "ParticipantId" FROM "ConversationMembers" WHERE "ConversationId" = $1 LIMIT 1""");
        command.Parameters.Add(new NpgsqlParameter { Value = conversation });
        var reader = (Guid)(await command.ExecuteScalarAsync())!;

        var open = provider.GetRequiredService<GetConversation>();
        Func<Task> oursRun = async () => _ = (await open.HandleAsync(reader, conversation)).Value!.Messages.Count;
        // The same work in one round trip: may the reader see it (and how far they read), who is in it, the latest messages.
        Func<Task> baselineRun = async () =>
        {
            await using var batch = raw.CreateBatch();
            batch.BatchCommands.Add(new NpgsqlBatchCommand("""
                SELECT c."LastSeq", m."LastReadSeq" FROM "Conversations" c JOIN "ConversationMembers" m ON m."ConversationId" = c."Id" AND m."ParticipantId" = $2
                 WHERE c."Id" = $1
                """) { Parameters = { new() { Value = conversation }, new() { Value = reader } } });
            batch.BatchCommands.Add(new NpgsqlBatchCommand("""
                SELECT p."Id", p."DisplayName", p."Nickname", p."PictureVersion" FROM "ConversationMembers" o JOIN "Participants" p ON p."Id" = o."ParticipantId"
                 WHERE o."ConversationId" = $1
                """) { Parameters = { new() { Value = conversation } } });
            batch.BatchCommands.Add(new NpgsqlBatchCommand("""
                SELECT "Id", "Seq", "SenderId", "Body", "SentAt" FROM "Messages" WHERE "ConversationId" = $1 ORDER BY "Seq" DESC LIMIT 51
                """) { Parameters = { new() { Value = conversation } } });
            await using var rows = await batch.ExecuteReaderAsync();
            do
            {
                while (await rows.ReadAsync())
                {
                    for (var i = 0; i < rows.FieldCount; i++)
                    {
                        _ = rows.GetValue(i);
                    }
                }
            }
            while (await rows.NextResultAsync());
        };
        var (ours, baseline) = await Measure.CompareAsync(oursRun, baselineRun, warmup, iterations);
        return new Result("open a 5,000-message conversation (latest 50)", "ms", ours.Median, baseline.Median, "≤ 1.5×", ours.Median <= 1.5 * baseline.Median);
    }

    private static async Task<Result> SearchAsync(IServiceProvider provider, NpgsqlDataSource raw, int warmup, int iterations)
    {
        var search = provider.GetRequiredService<SearchRecipients>();
        Func<Task> oursRun = async () => _ = (await search.HandleAsync(Heavy, "mar")).Count;
        Func<Task> baselineRun = () => ReadAllAsync(raw, """
            SELECT "Id", "DisplayName", "Nickname" FROM "Participants"
             WHERE "Id" <> $1 AND ("Nickname" ILIKE '%mar%' OR "DisplayName" ILIKE '%mar%')
             ORDER BY "Nickname" LIKE 'mar%' DESC, "DisplayName" LIMIT 10
            """, Heavy);
        var (ours, baseline) = await Measure.CompareAsync(oursRun, baselineRun, warmup, iterations);
        return new Result("recipient search, 3 letters, 100,000 participants", "ms", ours.Median, baseline.Median, "≤ 20 ms", ours.Median <= 20);
    }

    /// <summary>16 senders, each in a conversation of their own, for a fixed time; the baseline writes the same rows' worth with Npgsql.</summary>
    private static async Task<Result> SendThroughputAsync(IServiceProvider provider, NpgsqlDataSource raw, TimeSpan duration)
    {
        const int workers = 16;
        var pairs = new List<(Guid Conversation, Guid Sender)>();
        await using (var command = raw.CreateCommand("""
            SELECT m."ConversationId", m."ParticipantId" FROM "ConversationMembers" m
             WHERE m."ConversationId" IN (SELECT "Id" FROM "Conversations" ORDER BY "Id" DESC LIMIT 200)
             ORDER BY m."ConversationId" DESC
            """))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync() && pairs.Count < workers)
            {
                var conversation = reader.GetGuid(0);
                if (pairs.All(p => p.Conversation != conversation))
                {
                    pairs.Add((conversation, reader.GetGuid(1)));
                }
            }
        }

        var reply = provider.GetRequiredService<Reply>();
        var ours = await Measure.ThroughputAsync(workers, duration, async (worker, i) =>
        {
            var sent = await reply.HandleAsync(new ReplyCommand(pairs[worker].Sender, pairs[worker].Conversation, $"bench message {i}"));
            if (!sent.Succeeded)
            {
                throw new InvalidOperationException(sent.Problem.Message);
            }
        });

        var baselineConversations = Enumerable.Range(0, workers).Select(w => Shape.ConversationId(Shape.Full.HeavyConversations + 200 + w)).ToArray();
        const long seqBase = 1_000_000_000;
        var baseline = await Measure.ThroughputAsync(workers, duration, async (worker, i) =>
        {
            await using var connection = await raw.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var batch = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand("""INSERT INTO "Messages" ("ConversationId", "Seq", "SenderId", "Body", "SentAt") VALUES ($1, $2, $3, $4, now())""")
                    {
                        Parameters = { new() { Value = baselineConversations[worker] }, new() { Value = seqBase + i }, new() { Value = pairs[worker].Sender }, new() { Value = $"baseline {i}" } },
                    },
                    new NpgsqlBatchCommand("SELECT pg_notify('bench_baseline', $1)") { Parameters = { new() { Value = $"{worker}:{i}" } } },
                },
            };
            await batch.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        });
        await using (var cleanup = raw.CreateCommand("""DELETE FROM "Messages" WHERE "Seq" >= $1"""))
        {
            cleanup.Parameters.Add(new NpgsqlParameter { Value = seqBase });
            await cleanup.ExecuteNonQueryAsync();
        }

        return new Result("send throughput, 16 concurrent senders", "msg/s", ours, baseline, "≥ 0.5×", ours >= 0.5 * baseline);
    }

    /// <summary>How many notifications per second one server's relay takes from PostgreSQL and hands to subscribers.</summary>
    private static async Task<Result> RelayThroughputAsync(IServiceProvider provider, NpgsqlDataSource raw, int notifications)
    {
        var received = 0;
        var everyone = new TaskCompletionSource();
        var subscriber = Shape.PersonId(1);
        using var subscription = provider.GetRequiredService<ConversationNotifier>().Subscribe(subscriber, _ =>
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
            await using var command = raw.CreateCommand($"""
                SELECT pg_notify('{EventEnvelopeChannel}', json_build_object('Kind', 'posted', 'Conversation', gen_random_uuid(), 'Actor', $1::uuid,
                                 'Seq', n, 'To', json_build_array($1::uuid))::text)
                  FROM generate_series(1, {perTransaction}) AS n
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = subscriber });
            await command.ExecuteNonQueryAsync();
        }

        await everyone.Task.WaitAsync(TimeSpan.FromMinutes(2));
        var perSecond = notifications / clock.Elapsed.TotalSeconds;
        return new Result("NOTIFY relay capacity (one server, one LISTEN connection)", "notif/s", perSecond, null, Result.NoGoal, true,
            $"{notifications:N0} notifications sent in transactions of {perTransaction}, all delivered to a subscriber");
    }

    private const string EventEnvelopeChannel = "conversation_events";

    /// <summary>2,000 participants subscribed on this "server"; messages committed to their conversations; time until each callback runs.</summary>
    private static async Task<Result> NotifierLatencyAsync(IServiceProvider provider, NpgsqlDataSource raw, int messages)
    {
        var notifier = provider.GetRequiredService<ConversationNotifier>();
        var arrived = new ConcurrentDictionary<(Guid, long), long>();
        var subscribers = Enumerable.Range(1, 2_000).Select(Shape.PersonId).ToList();
        var subscriptions = subscribers.Select(id => notifier.Subscribe(id, e =>
        {
            if (e is MessagePosted posted)
            {
                arrived.TryAdd((posted.ConversationId, posted.Seq), Stopwatch.GetTimestamp());
            }

            return Task.CompletedTask;
        })).ToList();

        // Conversations of subscribed people, written to by their other member.
        var targets = new List<(Guid Conversation, Guid Sender)>();
        await using (var command = raw.CreateCommand("""
            SELECT DISTINCT ON (m."ConversationId") m."ConversationId", o."ParticipantId"
              FROM "ConversationMembers" m JOIN "ConversationMembers" o ON o."ConversationId" = m."ConversationId" AND o."ParticipantId" <> m."ParticipantId"
             WHERE m."ParticipantId" = ANY($1) LIMIT 200
            """))
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
            var sent = await reply.HandleAsync(new ReplyCommand(sender, conversation, $"latency {i}"));
            var committed = Stopwatch.GetTimestamp();
            var key = (conversation, sent.Value!.Seq);
            var deadline = Stopwatch.StartNew();
            while (!arrived.ContainsKey(key) && deadline.Elapsed < TimeSpan.FromSeconds(5))
            {
                await Task.Yield();
            }

            latencies.Add(arrived.TryGetValue(key, out var at) ? Math.Max(0, Stopwatch.GetElapsedTime(committed, at).TotalMilliseconds) : 5_000);
        }

        subscriptions.ForEach(s => s.Dispose());
        var timing = Measure.Summarize(latencies);
        return new Result("commit → notifier callback, 2,000 subscribers, p99", "ms", timing.P99, null, "≤ 50 ms", timing.P99 <= 50,
            $"median {timing.Median:0.00} ms over {timing.Samples} messages");
    }
}

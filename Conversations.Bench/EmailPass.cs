using System.Diagnostics;
using Conversations.Domain;
using Conversations.Domain.Common;
using Conversations.Domain.Email;
using Conversations.Domain.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Conversations.Bench;

/// <summary>What email costs: a turn of the new-message pass over the full data set, and sends while turns run.</summary>
public static partial class BenchmarkRun
{
    /// <summary>A clock ahead of the real one, so the messages the bench just wrote are "left unread" long enough.</summary>
    private sealed class AheadClock(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + ahead;
    }

    private static ServiceProvider EmailDomain(string connectionString, TimeSpan ahead)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddConversationsDomain(
            connectionString,
            new ConfigurationBuilder()
                .AddInMemoryCollection(
                    new Dictionary<string, string?>
                    {
                        ["Email:Smtp:Host"] = "127.0.0.1", // never reached: the bench writes emails into the outbox, it does not send them
                        ["Email:PublicUrl"] = "https://bench.example/",
                    }
                )
                .Build()
        );
        services.AddSingleton<TimeProvider>(new AheadClock(ahead));
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// One turn of <see cref="NewMessageEmails"/> over the whole data set: the first finds what earlier runs' send rows
    /// left unread and writes their emails; the next ones find nothing due. Each reads a range of
    /// IX_ConversationMembers_EmailDue as long as what it takes.
    /// </summary>
    private static async Task<Result> EmailPassAsync(string connectionString, NpgsqlDataSource raw, int iterations)
    {
        await using var provider = EmailDomain(connectionString, TimeSpan.FromMinutes(10));
        var pass = provider.GetRequiredService<NewMessageEmails>();
        var clock = Stopwatch.StartNew();
        var settled = await pass.RunOnceAsync();
        var first = clock.Elapsed.TotalMilliseconds;
        var empty = await TurnsAsync(pass, iterations);
        await DeleteBenchEmailsAsync(raw);
        var worst = Math.Max(first, empty.Median);
        return new Result(
            "email pass over the full data set (one turn)",
            "ms",
            worst,
            null,
            "≤ 50 ms",
            worst <= 50,
            $"first turn {first:0.0} ms ({settled} conversation rows due: emails written, rows settled), then {empty.Median:0.00} ms median with nothing due"
        );
    }

    /// <summary>
    /// A backlog on purpose: <paramref name="size"/> member rows of the data set made to wait for an email (their last
    /// message unread, nothing mailed), as a busy site holds every unread conversation younger than the delay. First
    /// with a clock before any of them is due (what every turn meets in production: the cost of what waits), then with
    /// every one due (full turns of 100 emails each: the cost of what a turn mails). The rows get their read state back.
    /// </summary>
    private static async Task<List<Result>> EmailBacklogAsync(
        string connectionString,
        NpgsqlDataSource raw,
        int size,
        int iterations
    )
    {
        await using var connection = await raw.OpenConnectionAsync();
        await ExecAsync(
            connection,
            $"""
            CREATE TEMP TABLE backlog AS
            SELECT m."ConversationId", m."ParticipantId", m."LastReadSeq", m."NotifiedSeq", m."UnmailedSince", f."SentAt" AS "LastSentAt"
              FROM "ConversationMembers" m
              JOIN "Participants" p ON p."Id" = m."ParticipantId" AND NOT p."IsGroup" AND p."DeletedAt" IS NULL
              JOIN "Messages" f ON f."ConversationId" = m."ConversationId" AND f."Seq" = m."LastSeq"
             WHERE m."LastSeq" >= 2 AND m."LastReadSeq" = m."LastSeq" AND m."UnmailedSince" IS NULL AND f."SenderId" <> m."ParticipantId"
             LIMIT {size}
            """
        );
        await ExecAsync(
            connection,
            """
            UPDATE "ConversationMembers" m SET "LastReadSeq" = m."LastSeq" - 1, "NotifiedSeq" = 0, "UnmailedSince" = b."LastSentAt"
              FROM backlog b WHERE m."ConversationId" = b."ConversationId" AND m."ParticipantId" = b."ParticipantId"
            """
        );
        await ExecAsync(connection, """ANALYZE "ConversationMembers" """);
        // The generated people have no address; those the full turns will reach get one for the time of the measure,
        // so that those turns compose and write real emails.
        var fullTurns = Math.Max(5, iterations / 4);
        await ExecAsync(
            connection,
            $"""
            CREATE TEMP TABLE addressed AS
            SELECT DISTINCT p."Id" FROM (SELECT "ParticipantId" FROM backlog ORDER BY "LastSentAt" LIMIT {fullTurns
                * 100
                * 2}) b
              JOIN "Participants" p ON p."Id" = b."ParticipantId" AND p."Email" IS NULL;
            UPDATE "Participants" p SET "Email" = 'p' || replace(p."Id"::text, '-', '') || '@bench.example' FROM addressed a WHERE p."Id" = a."Id";
            """
        );
        try
        {
            var pending = await ScalarAsync(
                connection,
                """SELECT count(*) FROM "ConversationMembers" WHERE "UnmailedSince" IS NOT NULL"""
            );
            var oldest = (DateTime)(await ScalarAsync(connection, """SELECT min("LastSentAt") FROM backlog"""))!;
            var delay = new EmailOptions().NotifyAfter;

            // Every row waits, none is due yet: the clock stands just before the oldest becomes due.
            var before =
                new DateTimeOffset(oldest, TimeSpan.Zero) + delay - TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow;
            await using var waiting = EmailDomain(connectionString, before);
            var waitingTurns = await TurnsAsync(waiting.GetRequiredService<NewMessageEmails>(), iterations);

            // Every row due: each turn takes the oldest 100, writes their emails and settles them. The first turn meets
            // pages nobody read for a long time (the generated past); a site's due rows are messages written minutes
            // ago, whose pages are in memory: the turns measured for the goal find the pages of their rows read once.
            await using var due = EmailDomain(connectionString, TimeSpan.Zero);
            var pass = due.GetRequiredService<NewMessageEmails>();
            var cold = await TurnsAsync(pass, 1);
            await ExecAsync(
                connection,
                $"""
                SELECT count(*), sum(length(f."Body")), count(p."Email"), count(s."DisplayName")
                  FROM (SELECT "ConversationId", "ParticipantId" FROM backlog ORDER BY "LastSentAt" OFFSET 100 LIMIT {fullTurns
                    * 100}) b
                  JOIN "ConversationMembers" m ON m."ConversationId" = b."ConversationId" AND m."ParticipantId" = b."ParticipantId"
                  JOIN "Messages" f ON f."ConversationId" = m."ConversationId" AND f."Seq" BETWEEN m."LastReadSeq" AND m."LastSeq"
                  JOIN "Participants" p ON p."Id" = m."ParticipantId"
                  JOIN "Participants" s ON s."Id" = f."SenderId"
                """
            );
            var full = await TurnsAsync(pass, fullTurns);
            var written = await ScalarAsync(
                connection,
                """SELECT count(*) FROM "EmailOutbox" WHERE "MessageId" LIKE '%@bench.example'"""
            );
            await DeleteBenchEmailsAsync(raw);
            return
            [
                new Result(
                    $"email pass, {pending:N0} rows waiting, none due yet (one turn)",
                    "ms",
                    waitingTurns.Median,
                    null,
                    "≤ 50 ms",
                    waitingTurns.Median <= 50,
                    $"a busy site's every turn: {pending:N0} member rows wait for their delay (IX_ConversationMembers_EmailDue), the turn reads none of them; max {waitingTurns.Max:0.00} ms over {iterations} turns"
                ),
                new Result(
                    $"email pass, {pending:N0} rows waiting, all due (a full turn)",
                    "ms",
                    full.Median,
                    null,
                    "≤ 50 ms",
                    full.Median <= 50,
                    $"each turn takes the oldest {full.Settled / full.Count} rows, composes and writes their emails and settles them ({written} emails in {full.Count + 1} turns); max {full.Max:0.0} ms; the first turn, on pages unread since the data was generated, {cold.Median:0.0} ms"
                ),
            ];
        }
        finally
        {
            await ExecAsync(
                connection,
                """
                UPDATE "ConversationMembers" m SET "LastReadSeq" = b."LastReadSeq", "NotifiedSeq" = b."NotifiedSeq", "UnmailedSince" = b."UnmailedSince"
                  FROM backlog b WHERE m."ConversationId" = b."ConversationId" AND m."ParticipantId" = b."ParticipantId"
                """
            );
            await ExecAsync(
                connection,
                """UPDATE "Participants" p SET "Email" = NULL FROM addressed a WHERE p."Id" = a."Id" """
            );
            await ExecAsync(connection, "DROP TABLE backlog; DROP TABLE addressed");
            await ExecAsync(connection, """VACUUM ANALYZE "ConversationMembers" """);
            await ExecAsync(connection, """VACUUM ANALYZE "Participants" """);
        }
    }

    private sealed record Turns(double Median, double Max, int Count, int Settled);

    private static async Task<Turns> TurnsAsync(NewMessageEmails pass, int count)
    {
        var times = new List<double>();
        var settled = 0;
        var clock = new Stopwatch();
        for (var i = 0; i < count; i++)
        {
            clock.Restart();
            settled += await pass.RunOnceAsync();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return new Turns(times[times.Count / 2], times[^1], count, settled);
    }

    private static async Task DeleteBenchEmailsAsync(NpgsqlDataSource raw)
    {
        await using var cleanup = raw.CreateCommand(
            """DELETE FROM "EmailOutbox" WHERE "To" LIKE '%@bench.example' OR "MessageId" LIKE '%@bench.example'"""
        );
        await cleanup.ExecuteNonQueryAsync();
    }

    private static async Task ExecAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        return await command.ExecuteScalarAsync();
    }

    /// <summary>
    /// Send throughput while email turns run every <paramref name="every"/> — the product's default (5 s, the row with a
    /// goal) or much more often (a stress row, no goal) — with a clock 10 minutes ahead, so the replies just written are
    /// already due (the send path itself never waits for email). In both windows each conversation's recipient reads it
    /// every 200 ms, so that every turn finds rows to mail (without reading, the first turn mails everyone and the next
    /// ones find nothing: the next email waits for a read). Without turns and with them alternate three times after a
    /// warm-up: on 2 cores that 16 senders keep busy, single windows of a few seconds differ by ±10% with turns that
    /// found nothing to do (0.88×–1.03×).
    /// </summary>
    private static async Task<Result> SendWithEmailAsync(
        IServiceProvider provider,
        string connectionString,
        NpgsqlDataSource raw,
        TimeSpan duration,
        TimeSpan every
    )
    {
        await using var emails = EmailDomain(connectionString, TimeSpan.FromMinutes(10));
        var pass = emails.GetRequiredService<NewMessageEmails>();
        var pairs = await SendersAsync(raw);
        var replies = Replies(provider, pairs);
        var recipients = await RecipientsAsync(raw, pairs);
        var markRead = provider.GetRequiredService<MarkRead>();
        await Measure.ThroughputAsync(Senders, duration / 5, replies);
        var (with, without, turns, settled) = (0.0, 0.0, 0, 0);
        var reading = TimeSpan.FromMilliseconds(200);
        const int rounds = 3;
        for (var round = 0; round < rounds; round++)
        {
            without +=
                await WhileRunningAsync(ReadAll, reading, () => Measure.ThroughputAsync(Senders, duration / 2, replies))
                / rounds;
            with +=
                await WhileRunningAsync(ReadAll, reading, () =>
                    WhileRunningAsync(Turn, every, () => Measure.ThroughputAsync(Senders, duration / 2, replies))
                ) / rounds;
        }

        var isDefault = every == new EmailOptions().CheckEvery;
        var note =
            $"{turns} email turns (one every {every.TotalSeconds:0.#} s{(isDefault ? ", the default" : $", {new EmailOptions().CheckEvery / every:0}× the default")}) mailed or settled {settled} conversation rows during the sends, the recipients reading every 200 ms in both; the baseline is ours without turns, alternating with them three times";
        return isDefault
            ? new Result(
                "send throughput with email on (turns every 5 s)",
                "msg/s",
                with,
                without,
                "≥ 0.9×",
                with >= 0.9 * without,
                note
            )
            : new Result(
                $"send throughput, email turns every {every.TotalMilliseconds:0} ms",
                "msg/s",
                with,
                without,
                Result.NoGoal,
                true,
                note
            );

        async Task ReadAll()
        {
            foreach (var (conversation, recipient) in recipients)
            {
                await markRead.HandleAsync(Actor.Person(recipient), new ConversationId(conversation));
            }
        }

        async Task Turn()
        {
            settled += await pass.RunOnceAsync();
            turns++;
        }
    }

    /// <summary>Runs <paramref name="measure"/> while <paramref name="step"/> runs beside it, waiting <paramref name="every"/> between two.</summary>
    private static async Task<double> WhileRunningAsync(Func<Task> step, TimeSpan every, Func<Task<double>> measure)
    {
        using var stop = new CancellationTokenSource();
        var beside = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await step();
                await Task.Delay(every, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        });
        var measured = await measure();
        await stop.CancelAsync();
        await beside;
        return measured;
    }

    /// <summary>Another member of each send row's conversation: the one who reads it.</summary>
    private static async Task<List<(Guid Conversation, Guid Recipient)>> RecipientsAsync(
        NpgsqlDataSource raw,
        List<(Guid Conversation, Guid Sender)> pairs
    )
    {
        var recipients = new List<(Guid Conversation, Guid Recipient)>();
        foreach (var (conversation, sender) in pairs)
        {
            await using var command = raw.CreateCommand(
                """
                SELECT "ParticipantId" FROM "ConversationMembers" WHERE "ConversationId" = $1 AND "ParticipantId" <> $2 ORDER BY "ParticipantId" LIMIT 1
                """
            );
            command.Parameters.Add(new NpgsqlParameter { Value = conversation });
            command.Parameters.Add(new NpgsqlParameter { Value = sender });
            recipients.Add((conversation, (Guid)(await command.ExecuteScalarAsync())!));
        }

        return recipients;
    }
}

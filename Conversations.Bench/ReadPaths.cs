using System.Globalization;
using Conversations.Bench.Generation;
using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Moderation;
using Conversations.Domain.Participants;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Conversations.Bench;

/// <summary>The read paths of the screens: inbox pages, the badge, opening a conversation, the search.</summary>
public static partial class BenchmarkRun
{
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

    private static async Task<Result> InboxFirstPageAsync(
        IServiceProvider provider,
        NpgsqlDataSource raw,
        int warmup,
        int iterations
    )
    {
        var inbox = provider.GetRequiredService<GetInbox>();
        Func<Task> oursRun = async () => _ = (await inbox.HandleAsync(Actor.Person(Heavy))).Value!.Rows.Count;
        Func<Task> baselineRun = () => ReadAllAsync(raw, InboxSql, Heavy, DateTimeOffset.MaxValue, Guid.Empty);
        var (ours, baseline) = await Measure.CompareAsync(oursRun, baselineRun, warmup, iterations);
        return new Result(
            "inbox first page (20 rows) for heavy",
            "ms",
            ours.Median,
            baseline.Median,
            "≤ 1.3× and ≤ 10 ms",
            ours.Median <= 1.3 * baseline.Median && ours.Median <= 10
        );
    }

    private static async Task<Result> InboxDeepPageAsync(
        IServiceProvider provider,
        NpgsqlDataSource raw,
        int warmup,
        int iterations
    )
    {
        await using var command = raw.CreateCommand(
            """
            SELECT "LastActivityAt", "ConversationId" FROM "ConversationMembers" WHERE "ParticipantId" = $1
             ORDER BY "LastActivityAt" DESC, "ConversationId" DESC OFFSET 3979 LIMIT 1
            """
        );
        command.Parameters.Add(new NpgsqlParameter { Value = Heavy });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var cursor = new InboxCursor(reader.GetFieldValue<DateTimeOffset>(0), reader.GetGuid(1));
        await reader.DisposeAsync();

        var inbox = provider.GetRequiredService<GetInbox>();
        Func<Task> oursRun = async () => _ = (await inbox.HandleAsync(Actor.Person(Heavy), cursor)).Value!.Rows.Count;
        Func<Task> baselineRun = () => ReadAllAsync(raw, InboxSql, Heavy, cursor.LastActivityAt, cursor.ConversationId);
        var (ours, baseline) = await Measure.CompareAsync(oursRun, baselineRun, warmup, iterations);
        return new Result(
            "inbox page 200 for heavy (keyset)",
            "ms",
            ours.Median,
            baseline.Median,
            "≤ 1.3×",
            ours.Median <= 1.3 * baseline.Median
        );
    }

    private static async Task<Result> UnreadTotalAsync(
        IServiceProvider provider,
        NpgsqlDataSource raw,
        int warmup,
        int iterations
    )
    {
        var count = provider.GetRequiredService<CountUnread>();
        Func<Task> oursRun = async () => _ = (await count.HandleAsync(Heavy)).Total;
        Func<Task> baselineRun = () =>
            ReadAllAsync(
                raw,
                """
                SELECT sum("LastSeq" - "LastReadSeq") FROM "ConversationMembers" WHERE "ParticipantId" = $1
                """,
                Heavy
            );
        var (ours, baseline) = await Measure.CompareAsync(oursRun, baselineRun, warmup, iterations);
        return new Result(
            "total unread for heavy",
            "ms",
            ours.Median,
            baseline.Median,
            "≤ 1.3× and ≤ 5 ms",
            ours.Median <= 1.3 * baseline.Median && ours.Median <= 5
        );
    }

    private static async Task<Result> OpenLongConversationAsync(
        IServiceProvider provider,
        NpgsqlDataSource raw,
        int warmup,
        int iterations
    )
    {
        var conversation = Shape.ConversationId(Shape.Full.HeavyConversations + 1); // one of the 5,000-message conversations
        await using var command = raw.CreateCommand(
            """SELECT "ParticipantId" FROM "ConversationMembers" WHERE "ConversationId" = $1 LIMIT 1"""
        );
        command.Parameters.Add(new NpgsqlParameter { Value = conversation });
        var reader = (Guid)(await command.ExecuteScalarAsync())!;

        var open = provider.GetRequiredService<GetConversation>();
        Func<Task> oursRun = async () =>
            _ = (await open.HandleAsync(Actor.Person(reader), new ConversationId(conversation))).Value!.Messages.Count;
        // The same work in one round trip: may the reader see it (and how far they read), who is in it, the latest messages.
        Func<Task> baselineRun = async () =>
        {
            await using var batch = raw.CreateBatch();
            batch.BatchCommands.Add(
                new NpgsqlBatchCommand(
                    """
                    SELECT c."LastSeq", m."LastReadSeq" FROM "Conversations" c JOIN "ConversationMembers" m ON m."ConversationId" = c."Id" AND m."ParticipantId" = $2
                     WHERE c."Id" = $1
                    """
                )
                {
                    Parameters =
                    {
                        new() { Value = conversation },
                        new() { Value = reader },
                    },
                }
            );
            batch.BatchCommands.Add(
                new NpgsqlBatchCommand(
                    """
                    SELECT p."Id", p."DisplayName", p."Nickname", p."PictureVersion" FROM "ConversationMembers" o JOIN "Participants" p ON p."Id" = o."ParticipantId"
                     WHERE o."ConversationId" = $1
                    """
                )
                {
                    Parameters = { new() { Value = conversation } },
                }
            );
            batch.BatchCommands.Add(
                new NpgsqlBatchCommand(
                    """
                    SELECT "Id", "Seq", "SenderId", "Body", "SentAt" FROM "Messages" WHERE "ConversationId" = $1 ORDER BY "Seq" DESC LIMIT 51
                    """
                )
                {
                    Parameters = { new() { Value = conversation } },
                }
            );
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
            } while (await rows.NextResultAsync());
        };
        var (ours, baseline) = await Measure.CompareAsync(oursRun, baselineRun, warmup, iterations);
        return new Result(
            "open a 5,000-message conversation (latest 50)",
            "ms",
            ours.Median,
            baseline.Median,
            "≤ 1.3×",
            ours.Median <= 1.3 * baseline.Median
        );
    }

    private static async Task<Result> SearchAsync(
        IServiceProvider provider,
        NpgsqlDataSource raw,
        int warmup,
        int iterations
    )
    {
        var search = provider.GetRequiredService<SearchRecipients>();
        Func<Task> oursRun = async () => _ = (await search.HandleAsync(Actor.Person(Heavy), "mar")).Value!.Count;
        // The cheapest page of matches: names and nicknames containing the text, in name order, nothing else (no
        // nickname-first order, no blocks, no consent, no member counts).
        Func<Task> baselineRun = () =>
            ReadAllAsync(
                raw,
                """
                SELECT "Id", "DisplayName", "Nickname" FROM "Participants"
                 WHERE "Id" <> $1 AND ("Nickname" ILIKE '%mar%' OR "DisplayName" ILIKE '%mar%')
                 ORDER BY "DisplayName" LIMIT 10
                """,
                Heavy
            );
        var (ours, baseline) = await Measure.CompareAsync(oursRun, baselineRun, warmup, iterations);
        // Where the gap goes: the baseline's one query with the rules it leaves out (never the searcher, deleted
        // accounts, platform blocks, those who blocked the searcher, consent and member counts, in their SQL spellings).
        // csharpier-ignore
        var withRules =
            $"""
            SELECT p."Id", p."DisplayName", p."Nickname", p."PictureVersion", p."JoinedAt", p."IsGroup",
                   CASE WHEN p."IsGroup" THEN (SELECT count(*) FROM "GroupMembers" gm WHERE gm."GroupId" = p."Id")::int ELSE 0 END,
                   {SqlRules.Refuses("p", "$1")}
              FROM "Participants" p
             WHERE (p."Nickname" ILIKE '%mar%' OR p."DisplayName" ILIKE '%mar%')
               AND p."Id" <> $1 AND {DeletedAccount.NotSql("p")} AND NOT {PlatformBlock.Sql("p")}
               AND NOT EXISTS (SELECT 1 FROM "Blocks" b WHERE b."BlockerId" = p."Id" AND b."BlockedId" = $1)
             ORDER BY p."DisplayName" LIMIT 10
            """;
        var (rules, _) = await Measure.CompareAsync(
            () => ReadAllAsync(raw, withRules, Heavy),
            baselineRun,
            warmup,
            iterations
        );
        return new Result(
            "recipient search, 3 letters, 100,000 participants",
            "ms",
            ours.Median,
            baseline.Median,
            "≤ 1.3× and ≤ 10 ms",
            ours.Median <= 1.3 * baseline.Median && ours.Median <= 10,
            string.Create(
                CultureInfo.InvariantCulture,
                $"the baseline's query with the rules it leaves out (blocks both ways, deleted accounts, platform blocks, consent, member counts): {rules.Median:0.00} ms = {rules.Median / baseline.Median:0.00}× the baseline; the rest is nicknames that start with the text first (a second index walk) and the plan settings around it"
            )
        );
    }
}

using System.Globalization;
using Conversations.Domain.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Conversations.Bench;

/// <summary>Search in my messages: heavy (10,000 conversations, 200,000 messages) looks for words.</summary>
public static partial class BenchmarkRun
{
    /// <summary>
    /// The cheapest hand-written page of matches, knowing what the product finds out as it goes: heavy's 32 most recently
    /// active conversations hold the newest matches of common words, read in one configuration, no rules, no names.
    /// </summary>
    private const string MessageSearchSql = """
        WITH hits AS (
            SELECT msg."Id", msg."ConversationId", msg."Seq", msg."SenderId", msg."SentAt", msg."Body"
              FROM (SELECT m."ConversationId" FROM "ConversationMembers" m WHERE m."ParticipantId" = $1
                     ORDER BY m."LastActivityAt" DESC LIMIT 32) recent
             CROSS JOIN LATERAL (
                   SELECT * FROM "Messages" msg
                    WHERE msg."ConversationId" = recent."ConversationId" AND msg."SearchVector" @@ websearch_to_tsquery('conversations_simple', $2)
                    ORDER BY msg."Seq" DESC LIMIT 21) msg
             ORDER BY msg."SentAt" DESC LIMIT 21)
        SELECT h."Id", h."ConversationId", h."Seq", h."SenderId", h."SentAt",
               ts_headline('conversations_simple', h."Body", websearch_to_tsquery('conversations_simple', $2))
          FROM hits h
        """;

    /// <summary>A word nobody wrote, found (or not) through the words' index alone: the cheapest answer there is.</summary>
    private const string AbsentWordSql = """
        SELECT msg."Id", msg."SentAt" FROM "Messages" msg
         WHERE msg."SearchVector" @@ websearch_to_tsquery('conversations_simple', $2)
           AND EXISTS (SELECT 1 FROM "ConversationMembers" m WHERE m."ConversationId" = msg."ConversationId" AND m."ParticipantId" = $1)
         ORDER BY msg."SentAt" DESC LIMIT 21
        """;

    private static async Task<IEnumerable<Result>> MessageSearchAsync(
        IServiceProvider provider,
        NpgsqlDataSource raw,
        int warmup,
        int iterations
    )
    {
        var search = provider.GetRequiredService<SearchMessages>();
        var results = new List<Result>();
        foreach (var (words, absent) in new[] { ("bike lane", false), ("zeppelin", true) })
        {
            Func<Task> oursRun = async () =>
                _ = (await search.HandleAsync(Actor.Person(Heavy), words)).Value!.Hits.Count;
            Func<Task> baselineRun = () => ReadAllAsync(raw, absent ? AbsentWordSql : MessageSearchSql, Heavy, words);
            var (ours, baseline) = await Measure.CompareAsync(oursRun, baselineRun, warmup, iterations);
            var found = (await search.HandleAsync(Actor.Person(Heavy), words)).Value!.Hits.Count;
            results.Add(
                new Result(
                    absent
                        ? "search in my messages, a word nobody wrote (p99)"
                        : "search in my messages, 2 common words, first page (p99)",
                    "ms",
                    ours.P99,
                    baseline.P99,
                    "≤ 20 ms",
                    ours.P99 <= 20,
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"heavy: 10,000 conversations, 200,000 messages; \"{words}\" → {found} results on the page; median {ours.Median:0.00} ms (baseline {baseline.Median:0.00} ms)"
                    )
                )
            );
        }

        return results;
    }
}

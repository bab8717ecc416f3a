using Conversations.Domain.Common;
using Npgsql;

namespace Conversations.Domain.Messaging;

/// <param name="Owner">Whose conversations: the person, or the group a manager searches for.</param>
/// <param name="AfterActivity">The batch starts after this conversation in inbox order (newest activity first).</param>
/// <param name="Conversations">How many conversations the batch takes.</param>
/// <param name="BeforeSent">Only messages before this one in (sent, id) order: the page's cursor.</param>
/// <param name="Hits">How many matches at most, from the whole batch and from each of its conversations.</param>
internal sealed record SearchBatchArguments(
    ParticipantId Owner,
    PersonId Person,
    bool ForGroup,
    string Words,
    DateTimeOffset AfterActivity,
    ConversationId AfterConversation,
    int Conversations,
    DateTimeOffset BeforeSent,
    long BeforeId,
    int Hits
);

/// <summary>
/// One step of a search through the owner's conversations, newest activity first (their inbox index): the next batch of
/// their conversations (never a request they declined; only while they may act: a manager only while managing), and in
/// each, its newest matching messages before the cursor (its messages newest first, each message's stored words checked),
/// the newest of all of them first. A last row says where the batch ended and how many conversations it took, so the
/// caller knows when no later conversation can hold a newer match (<see cref="SearchMessages"/>).
/// </summary>
internal sealed class SearchBatchStatement : Statement<SearchBatchArguments>
{
    public static readonly SearchBatchStatement Instance = new();

    // csharpier-ignore
    public override string Sql { get; } =
        $"""
                WITH batch AS MATERIALIZED (
                    SELECT m."ConversationId", m."LastActivityAt"
                      FROM "ConversationMembers" m
                     WHERE m."ParticipantId" = $1 AND {MessageRequests.NotDeclinedSql("m")}
                       AND (m."LastActivityAt", m."ConversationId") < ($5, $6)
                       AND {SqlRules.MayAct("$2", "$1", "$3", "$11")}
                     ORDER BY m."LastActivityAt" DESC, m."ConversationId" DESC
                     LIMIT $7),
                hits AS (
                    SELECT hit."Id", hit."SentAt"
                      FROM batch CROSS JOIN LATERAL (
                           SELECT msg."Id", msg."SentAt" FROM "Messages" msg
                            WHERE msg."ConversationId" = batch."ConversationId" AND (msg."SentAt", msg."Id") < ($8, $9)
                              AND msg."SearchVector" @@ {SearchText.QuerySql("$4")}
                            ORDER BY msg."Seq" DESC
                            LIMIT $10) hit
                     ORDER BY hit."SentAt" DESC, hit."Id" DESC
                     LIMIT $10)
                SELECT false AS "Edge", h."Id", h."SentAt", NULL::uuid AS "ConversationId", 0::bigint AS "Taken" FROM hits h
                UNION ALL
                SELECT true, NULL, e."LastActivityAt", e."ConversationId", (SELECT count(*) FROM batch)
                  FROM (SELECT * FROM batch ORDER BY "LastActivityAt", "ConversationId" LIMIT 1) e
            """;

    protected override IEnumerable<NpgsqlParameter> Bind(SearchBatchArguments a) => Arguments(a);

    /// <summary>The parameters, in the order both search statements number them.</summary>
    public static IEnumerable<NpgsqlParameter> Arguments(SearchBatchArguments a) =>
        [
            Value(a.Owner),
            Value(a.Person),
            Value(a.ForGroup),
            Text(a.Words),
            Value(a.AfterActivity),
            Value(a.AfterConversation),
            Value(a.Conversations),
            Value(a.BeforeSent),
            Value(a.BeforeId),
            Value(a.Hits),
            ManagerRoles(),
        ];
}

internal sealed record SearchHitsArguments(long[] Messages, Guid Owner, string Words, int PreviewLength);

/// <summary>The page's matches as the results list shows them: the conversation's others, the sender, the text cut around the words found.</summary>
internal sealed class SearchHitsStatement : Statement<SearchHitsArguments>
{
    public static readonly SearchHitsStatement Instance = new();

    // csharpier-ignore
    public override string Sql { get; } =
        $"""
                SELECT msg."Id", msg."ConversationId", msg."Seq", msg."SenderId", msg."SentAt",
                       left({SearchText.SnippetSql("msg", SearchText.QuerySql("$3"))}, $4) AS "Snippet",
                       (SELECT json_agg(json_build_object('Id', p."Id", 'DisplayName', p."DisplayName", 'Nickname', p."Nickname", 'PictureVersion', p."PictureVersion",
                                                          'JoinedAt', p."JoinedAt", 'IsGroup', p."IsGroup", 'IsDeleted', {Participants.DeletedAccount.Sql("p")}) ORDER BY p."DisplayName")::text
                          FROM "ConversationMembers" om JOIN "Participants" p ON p."Id" = om."ParticipantId"
                         WHERE om."ConversationId" = msg."ConversationId" AND om."ParticipantId" <> $2) AS "Others"
                  FROM "Messages" msg
                 WHERE msg."Id" = ANY($1)
            """;

    protected override IEnumerable<NpgsqlParameter> Bind(SearchHitsArguments a) =>
        [Value(a.Messages), Value(a.Owner), Text(a.Words), Value(a.PreviewLength)];
}

/// <summary>
/// How many messages of the whole site the planner expects to hold the words (its statistics of the stored words, no
/// message read): few enough, and the words' index finds them all at once (<see cref="RareWordsStatement"/>).
/// </summary>
internal sealed class WordsEstimateStatement : Statement<string>
{
    public static readonly WordsEstimateStatement Instance = new();

    public override string Sql { get; } =
        $"""EXPLAIN (FORMAT JSON) SELECT 1 FROM "Messages" msg WHERE msg."SearchVector" @@ {SearchText.QuerySql("$1")}""";

    protected override IEnumerable<NpgsqlParameter> Bind(string words) => [Text(words)];
}

/// <summary>
/// Whether one of the words is uncommon: none of its stems (one per configuration: "bike" is 'bike' in English and in
/// the folded configuration, 'bik' in Spanish…) is among those the planner's statistics list as the most common in the
/// stored words (no message read). Then the messages holding it are few next to those, and the words' index finds them
/// at once (<see cref="RareWordsStatement"/>). A common word's stem in another language is rarely stored (messages are
/// indexed in their writer's language), so one uncommon stem alone says nothing: the bench's "bike lane" went through
/// the index that way and took 0.5 s. Excluded words (-word) and "or" are left out. A table never analysed (new and
/// small) lists none: every word is uncommon.
/// </summary>
internal sealed class UncommonWordsStatement : Statement<string>
{
    public static readonly UncommonWordsStatement Instance = new();

    // csharpier-ignore
    public override string Sql { get; } =
        $"""
                WITH common AS (SELECT unnest(s.most_common_elems::text::text[]) AS stem FROM pg_stats s
                                 WHERE s.schemaname = current_schema() AND s.tablename = 'Messages' AND s.attname = 'SearchVector'),
                     words AS (SELECT DISTINCT w FROM regexp_split_to_table(lower($1), '[[:space:]"]+') AS w
                                WHERE w <> '' AND w <> 'or' AND left(w, 1) <> '-'),
                     stems AS (SELECT x.w, replace(m[1], '''''', '''') AS stem
                                 FROM words x, regexp_matches(({SearchText.QuerySql("x.w")})::text, '''((?:[^'']|'''')*)''', 'g') AS m)
                SELECT EXISTS (SELECT 1 FROM words x
                                WHERE EXISTS (SELECT 1 FROM stems s WHERE s.w = x.w)
                                  AND NOT EXISTS (SELECT 1 FROM stems s JOIN common c ON c.stem = s.stem WHERE s.w = x.w))
            """;

    protected override IEnumerable<NpgsqlParameter> Bind(string words) => [Text(words)];
}

/// <summary>
/// Words few messages hold: every message holding them (through the words' index), kept when it is in one of the owner's
/// conversations (never a request they declined; only while they may act), newest first, before the cursor. The index is
/// read first on purpose (a materialized step): left to itself, the planner expects an unknown word in ~0.5 % of the
/// messages and walks the owner's conversations instead (the bench's heavy participant: 945 ms against 64 ms).
/// </summary>
internal sealed class RareWordsStatement : Statement<SearchBatchArguments>
{
    public static readonly RareWordsStatement Instance = new();

    // csharpier-ignore
    public override string Sql { get; } =
        $"""
                WITH found AS MATERIALIZED (
                    SELECT msg."Id", msg."SentAt", msg."ConversationId" FROM "Messages" msg
                     WHERE msg."SearchVector" @@ {SearchText.QuerySql("$4")} AND (msg."SentAt", msg."Id") < ($8, $9))
                SELECT false AS "Edge", msg."Id", msg."SentAt", NULL::uuid AS "ConversationId", 0::bigint AS "Taken"
                  FROM found msg
                 WHERE EXISTS (SELECT 1 FROM "ConversationMembers" m
                                WHERE m."ConversationId" = msg."ConversationId" AND m."ParticipantId" = $1 AND {MessageRequests.NotDeclinedSql("m")})
                   AND {SqlRules.MayAct("$2", "$1", "$3", "$11")}
                 ORDER BY msg."SentAt" DESC, msg."Id" DESC
                 LIMIT $10
            """;

    protected override IEnumerable<NpgsqlParameter> Bind(SearchBatchArguments a) => SearchBatchStatement.Arguments(a);
}

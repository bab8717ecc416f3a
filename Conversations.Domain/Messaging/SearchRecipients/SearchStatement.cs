using Npgsql;

namespace Conversations.Domain.Messaging;

/// <param name="Contains">An ILIKE pattern (escaped with \) that the name or the nickname contains.</param>
/// <param name="NicknamePrefix">A LIKE pattern for nicknames that start with the query: they come first.</param>
internal sealed record SearchArguments(
    Guid Searcher,
    Guid[] Excluding,
    string Contains,
    string NicknamePrefix,
    int Rows
);

/// <summary>
/// People and groups to write to, in one round trip: never the searcher, the excluded, deleted accounts, nor anyone
/// who blocked the searcher; each with its member count (groups) and whether it refuses the searcher's messages
/// (<see cref="SqlRules.Refuses"/>, the consent rule's SQL spelling). Nicknames that start with the query come first
/// (in nickname order: an exact nickname leads), then names and nicknames that contain it, in name order.
/// <para>
/// Each half reads an index in its own order and stops at the page: the nickname index for the first, the name index
/// for the second when the text is common (a few hundred rows walked instead of sorting thousands of matches), the
/// trigram indexes when it is rare. Which one depends on the text, so the statement is always planned for its own
/// values (<see cref="Prelude"/>), never with a generic plan.
/// </para>
/// </summary>
internal sealed class SearchStatement : Statement<SearchArguments>
{
    public static readonly SearchStatement Instance = new();

    /// <summary>Sent before the statement on the same connection: a generic plan would walk the name index for a rare text too.</summary>
    public const string Prelude = "SET plan_cache_mode = force_custom_plan";

    /// <summary>Sent after it: the pooled connection goes back with the server's default.</summary>
    public const string Postlude = "RESET plan_cache_mode";

    // A property, not a field: the statement's instance (declared above) is built before the fields below it.
    // csharpier-ignore
    private static string Eligible =>
        $"""
            p."Id" <> $1 AND {Participants.DeletedAccount.NotSql("p")} AND NOT {Moderation.PlatformBlock.Sql("p")} AND NOT (p."Id" = ANY($2))
            AND NOT EXISTS (SELECT 1 FROM "Blocks" b WHERE b."BlockerId" = p."Id" AND b."BlockedId" = $1)
            """;

    // csharpier-ignore
    public override string Sql { get; } =
        $"""
            WITH found AS (
                (SELECT p."Id", 0 AS "Part", p."Nickname" AS "Key" FROM "Participants" p
                  WHERE p."Nickname" LIKE $4 ESCAPE '\' AND {Eligible}
                  ORDER BY p."Nickname" LIMIT $5)
                UNION ALL
                (SELECT p."Id", 1, p."DisplayName" FROM "Participants" p
                  WHERE (p."Nickname" ILIKE $3 ESCAPE '\' OR p."DisplayName" ILIKE $3 ESCAPE '\') AND NOT (p."Nickname" LIKE $4 ESCAPE '\') AND {Eligible}
                  ORDER BY p."DisplayName" LIMIT $5))
            SELECT p."Id", p."DisplayName", p."Nickname", p."PictureVersion", p."JoinedAt", p."IsGroup",
                   CASE WHEN p."IsGroup" THEN (SELECT count(*) FROM "GroupMembers" gm WHERE gm."GroupId" = p."Id")::int ELSE 0 END AS "MemberCount",
                   {SqlRules.Refuses("p", "$1")} AS "Refuses"
              FROM (SELECT * FROM found ORDER BY "Part", "Key" LIMIT $5) f JOIN "Participants" p ON p."Id" = f."Id"
             ORDER BY f."Part", f."Key"
            """;

    protected override IEnumerable<NpgsqlParameter> Bind(SearchArguments a) =>
        [Value(a.Searcher), Value(a.Excluding), Text(a.Contains), Text(a.NicknamePrefix), Value(a.Rows)];
}

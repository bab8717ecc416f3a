using Npgsql;

namespace Conversations.Domain.Messaging;

/// <param name="Contains">An ILIKE pattern (escaped with \) that the name or the nickname contains.</param>
/// <param name="NicknamePrefix">A LIKE pattern for nicknames that start with the query: they come first.</param>
internal sealed record SearchArguments(Guid Searcher, Guid[] Excluding, string Contains, string NicknamePrefix, int Rows);

/// <summary>
/// People and groups to write to, in one round trip: never the searcher, the excluded, deleted accounts, nor anyone
/// who blocked the searcher; each with its member count (groups) and whether it refuses the searcher's messages
/// (<see cref="SqlRules.Refuses"/>, the consent rule's SQL spelling).
/// </summary>
internal sealed class SearchStatement : Statement<SearchArguments>
{
    public static readonly SearchStatement Instance = new();

    public override string Sql { get; } = $"""
            SELECT p."Id", p."DisplayName", p."Nickname", p."PictureVersion", p."JoinedAt", p."IsGroup",
                   CASE WHEN p."IsGroup" THEN (SELECT count(*) FROM "GroupMembers" gm WHERE gm."GroupId" = p."Id")::int ELSE 0 END AS "MemberCount",
                   {SqlRules.Refuses("p", "$1")} AS "Refuses"
              FROM "Participants" p
             WHERE p."Id" <> $1 AND p."DeletedAt" IS NULL AND NOT (p."Id" = ANY($2))
               AND NOT EXISTS (SELECT 1 FROM "Blocks" b WHERE b."BlockerId" = p."Id" AND b."BlockedId" = $1)
               AND (p."Nickname" ILIKE $3 ESCAPE '\' OR p."DisplayName" ILIKE $3 ESCAPE '\')
             ORDER BY p."Nickname" LIKE $4 ESCAPE '\' DESC, p."DisplayName"
             LIMIT $5
        """;

    protected override IEnumerable<NpgsqlParameter> Bind(SearchArguments a) =>
        [Value(a.Searcher), Value(a.Excluding), Text(a.Contains), Text(a.NicknamePrefix), Value(a.Rows)];
}

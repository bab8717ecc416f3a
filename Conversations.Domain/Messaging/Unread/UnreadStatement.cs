using Npgsql;

namespace Conversations.Domain.Messaging;

/// <summary>
/// A person's unread counts in one round trip: first their own total (an index-only scan of their member rows; nothing
/// for a deleted account), then one row per group they manage. Every message after a read position is someone else's
/// (writing moves the writer's positions), so each count is a subtraction (<see cref="Unread"/>); and how many message
/// requests wait for them, and for each group. A muted conversation is left out; a group whose inbox the person muted
/// comes with its count and "muted", for the badge to leave out (<see cref="Telling.Heard"/>).
/// </summary>
internal sealed class UnreadStatement : Statement<Guid>
{
    public static readonly UnreadStatement Instance = new();

    // csharpier-ignore
    public override string Sql { get; } =
        $"""
                SELECT NULL::uuid AS "GroupId", '' AS "DisplayName", '' AS "Nickname", 0 AS "PictureVersion", now() AS "JoinedAt",
                       {Unread.PersonalTotalSql("$1")}::bigint AS "Unread", {MessageRequests.WaitingCountSql("$1")}::bigint AS "Requests", false AS "InboxMuted"
                  FROM "Participants" me
                 WHERE me."Id" = $1 AND {Participants.LivePerson.Sql("me")}
                UNION ALL
                SELECT g."Id", g."DisplayName", g."Nickname", g."PictureVersion", g."JoinedAt",
                       {Unread.SumSql("cm", "COALESCE(r.\"LastReadSeq\", 0)", Telling.HeardSql("COALESCE(r.\"Muted\", false)"))}::bigint,
                       {MessageRequests.WaitingCountSql("g.\"Id\"")}::bigint, gm."InboxMuted"
                  FROM "GroupMembers" gm
                  JOIN "Participants" g ON g."Id" = gm."GroupId"
                  LEFT JOIN "ConversationMembers" cm ON cm."ParticipantId" = gm."GroupId"
                  LEFT JOIN "GroupReadPositions" r ON r."ConversationId" = cm."ConversationId" AND r."GroupId" = gm."GroupId" AND r."ManagerId" = gm."MemberId"
                 WHERE gm."MemberId" = $1 AND gm."Role" = ANY($2)
                 GROUP BY g."Id", g."DisplayName", g."Nickname", g."PictureVersion", g."JoinedAt", gm."InboxMuted"
            """;

    /// <param name="person">Whose counts.</param>
    protected override IEnumerable<NpgsqlParameter> Bind(Guid person) => [Value(person), ManagerRoles()];
}

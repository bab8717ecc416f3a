using Conversations.Domain.Participants;

namespace Conversations.Domain.Email;

/// <summary>The statements a turn of <see cref="NewMessageEmails"/> runs, and the rows they read.</summary>
public sealed partial class NewMessageEmails
{
    /// <summary>Who may be mailed: a live person (<see cref="LivePerson"/>) with an address who did not turn these emails off.</summary>
    // csharpier-ignore
    private static readonly string Mailable =
        $"""({LivePerson.Sql("p")} AND p."Email" IS NOT NULL AND p."EmailAboutMessages")""";

    /// <summary>The due member rows ({0}: now − the delay; {1}: how many a turn takes), locked, with what mailing them needs.</summary>
    private static readonly string DueRowsSql = $$"""
        SELECT m."ConversationId", m."ParticipantId", m."LastReadSeq", m."LastSeq", p."IsGroup", p."Email", p."DisplayName", p."TimeZone", p."Language",
               {{Mailable}} AS "Mailable",
               CASE WHEN p."IsGroup" THEN (SELECT max(h."Seq") FROM "Messages" h WHERE h."ConversationId" = m."ConversationId" AND h."SentAt" <= {0})
                    ELSE m."LastSeq" END AS "SettledUpTo"
          FROM (SELECT d."ConversationId", d."ParticipantId" FROM "ConversationMembers" d
                 WHERE d."UnmailedSince" <= {0}
                 ORDER BY d."UnmailedSince"
                 LIMIT {1}
                   FOR UPDATE SKIP LOCKED) due
          JOIN "ConversationMembers" m ON m."ConversationId" = due."ConversationId" AND m."ParticipantId" = due."ParticipantId"
          JOIN "Participants" p ON p."Id" = m."ParticipantId"
        """;

    /// <summary>A due group row's managers who hear of it, each by their own read state ({0}–{3}: the rows; {4}: the manager roles).</summary>
    private static readonly string ManagersSql = $$"""
        SELECT u."ConversationId", gm."MemberId" AS "ReaderId", g."Id" AS "GroupId", g."DisplayName" AS "GroupName", g."Nickname" AS "GroupNickname",
               COALESCE(r."LastReadSeq", 0) AS "LastReadSeq", u."LastSeq", p."Email", p."DisplayName", p."TimeZone", p."Language"
          FROM unnest({0}, {1}, {2}, {3}) AS u("ConversationId", "GroupId", "SettledUpTo", "LastSeq")
          JOIN "Participants" g ON g."Id" = u."GroupId" AND {{DeletedAccount.NotSql("g")}}
          JOIN "GroupMembers" gm ON gm."GroupId" = g."Id" AND gm."Role" = ANY({4})
          JOIN "Participants" p ON p."Id" = gm."MemberId"
          LEFT JOIN "GroupReadPositions" r ON r."ConversationId" = u."ConversationId" AND r."GroupId" = g."Id" AND r."ManagerId" = gm."MemberId"
         WHERE COALESCE(r."LastReadSeq", 0) < u."SettledUpTo" AND COALESCE(r."NotifiedSeq", 0) <= COALESCE(r."LastReadSeq", 0)
           AND {{Messaging.Telling.HeardSql("COALESCE(r.\"Muted\", false)", "gm.\"InboxMuted\"")}}
           AND {{Mailable}}
        """;

    /// <summary>
    /// Each due row's unread messages, newest first ({0}–{3}: the rows; {4}: how many are counted; {5}: how many are read):
    /// never from someone the reader blocked (in their own name or a group's) or the platform blocked, nor the reader's own.
    /// </summary>
    // csharpier-ignore
    private static readonly string UnreadSql = $$"""
        SELECT r."Row", m."Seq", m."Body", m."SentAt", r."Total", s."DisplayName" AS "SenderName"
          FROM (SELECT u."Row", u."ConversationId", unread."Seq", unread."SenderId",
                       count(*) OVER (PARTITION BY u."Row") AS "Total",
                       row_number() OVER (PARTITION BY u."Row" ORDER BY unread."Seq" DESC) AS "Newest"
                  FROM unnest({0}, {1}, {2}, {3}) WITH ORDINALITY AS u("ConversationId", "ReaderId", "WriterId", "LastReadSeq", "Row")
                 CROSS JOIN LATERAL (
                       SELECT m."Seq", m."SenderId"
                         FROM "Messages" m
                        WHERE m."ConversationId" = u."ConversationId" AND m."Seq" > u."LastReadSeq" AND m."SenderId" <> u."WriterId"
                          AND {{Messaging.Telling.ToldSql("u.\"ReaderId\"", "m")}}
                        ORDER BY m."Seq" DESC
                        LIMIT {4}) unread) r
          JOIN "Messages" m ON m."ConversationId" = r."ConversationId" AND m."Seq" = r."Seq"
          JOIN "Participants" s ON s."Id" = r."SenderId"
         WHERE r."Newest" <= {5}
        """;

    /// <summary>A row settled up to u."SettledUpTo": mailed up to there (a group's row: handled up to there, its read position too).</summary>
    // csharpier-ignore
    private static readonly string SettleSql = $"""
        UPDATE "ConversationMembers" m
           SET "NotifiedSeq" = u."SettledUpTo",
               "LastReadSeq" = CASE WHEN u."IsGroup" THEN u."SettledUpTo" ELSE m."LastReadSeq" END,
               "UnmailedSince" = {EmailDue.RecomputedSql("m", "CASE WHEN u.\"IsGroup\" THEN u.\"SettledUpTo\" ELSE m.\"LastReadSeq\" END", "u.\"SettledUpTo\"")}
          FROM unnest(@conversations, @participants, @settled, @groups) AS u("ConversationId", "ParticipantId", "SettledUpTo", "IsGroup")
         WHERE m."ConversationId" = u."ConversationId" AND m."ParticipantId" = u."ParticipantId"
        """;

    private sealed class MemberRow
    {
        public Guid ConversationId { get; set; }

        public Guid ParticipantId { get; set; }

        public long LastReadSeq { get; set; }

        public long LastSeq { get; set; }

        public bool IsGroup { get; set; }

        public string? Email { get; set; }

        public string DisplayName { get; set; } = "";

        public string? TimeZone { get; set; }

        public string? Language { get; set; }

        public bool Mailable { get; set; }

        public long? SettledUpTo { get; set; }
    }

    private sealed class DueRow
    {
        public Guid ConversationId { get; set; }

        /// <summary>The person mailed: the member, or a manager of the group that is the member.</summary>
        public Guid ReaderId { get; set; }

        public Guid? GroupId { get; set; }

        public string? GroupName { get; set; }

        public string? GroupNickname { get; set; }

        public long LastReadSeq { get; set; }

        public long LastSeq { get; set; }

        public string Email { get; set; } = "";

        public string DisplayName { get; set; } = "";

        public string? TimeZone { get; set; }

        public string? Language { get; set; }
    }

    private sealed class UnreadRow
    {
        public long Row { get; set; }

        public long Seq { get; set; }

        public string Body { get; set; } = "";

        public DateTimeOffset SentAt { get; set; }

        public long Total { get; set; }

        public string SenderName { get; set; } = "";
    }
}

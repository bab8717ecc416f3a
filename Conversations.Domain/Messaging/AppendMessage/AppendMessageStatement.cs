using Conversations.Domain.Email;
using Conversations.Domain.Realtime;
using Npgsql;

namespace Conversations.Domain.Messaging;

/// <param name="Capacity">The sender's message bucket: how many tokens it holds at most, and how fast it refills.</param>
/// <param name="Now">The time by the buckets' clock (<see cref="RateLimitOptions.Clock"/>).</param>
/// <param name="CheckReplyRules">Whether the statement itself checks that the sender may write here (a reply); a new conversation's recipients were checked before.</param>
internal sealed record AppendMessageArguments(
    Actor Sender, Guid Conversation, string Body, Guid? ClientToken, double Capacity, double PerSecond, DateTimeOffset Now, bool CheckReplyRules);

/// <summary>
/// One statement, one round trip: check the sender may write here (when asked; their address confirmed too), take a rate-limit token (or stop), count the
/// message in, write it, move every member's copy of the position (the author has read up to here, in person and as
/// manager of the groups in it), queue a push for each device of its readers (<see cref="Push.PushSender"/> decides at
/// send time whether it goes), and notify the conversation's people and its groups' managers, 150 per notification
/// (NOTIFY's 8,000-byte limit). Returns the message's id and sequence number, or no row when nothing was written.
/// </summary>
internal sealed class AppendMessageStatement : Statement<AppendMessageArguments>
{
    public static readonly AppendMessageStatement Instance = new();

    public override string Sql { get; } = $"""
        WITH allowed AS (
            SELECT 1 WHERE NOT $14 OR (
                EXISTS (SELECT 1 FROM "ConversationMembers" mine WHERE mine."ConversationId" = $6 AND mine."ParticipantId" = $7 AND {MessageRequests.CountsSql("mine")})
                AND {SqlRules.MayWrite("$1", "$7", "$15", "$11")}
                AND EXISTS (SELECT 1 FROM "ConversationMembers" o JOIN "Participants" p ON p."Id" = o."ParticipantId"
                             WHERE o."ConversationId" = $6 AND o."ParticipantId" <> $7 AND {Participants.DeletedAccount.NotSql("p")} AND {MessageRequests.CountsSql("o")})
                AND NOT EXISTS (
                    SELECT 1 FROM "ConversationMembers" o JOIN "Participants" p ON p."Id" = o."ParticipantId"
                     WHERE o."ConversationId" = $6 AND o."ParticipantId" <> $7
                       AND ({SqlRules.Refuses("p", "$7")} OR {Moderation.PlatformBlock.Sql("p")})))),
        bucket AS (
            INSERT INTO "RateLimitBuckets" AS b ("ParticipantId", "Kind", "Tokens", "UpdatedAt")
            SELECT $1, $2, $3, $16 FROM allowed
            ON CONFLICT ("ParticipantId", "Kind") DO UPDATE
               SET "Tokens" = {RateLimiter.TokensNowSql("b", "$4", "$5", "$16")} - 1, "UpdatedAt" = $16
             WHERE {RateLimiter.TokensNowSql("b", "$4", "$5", "$16")} >= 1
            RETURNING 1),
        conv AS (
            UPDATE "Conversations" SET "LastSeq" = "LastSeq" + 1, "LastActivityAt" = clock_timestamp()
             WHERE "Id" = $6 AND EXISTS (SELECT 1 FROM bucket)
            RETURNING "LastSeq", "LastActivityAt"),
        msg AS (
            INSERT INTO "Messages" ("ConversationId", "Seq", "SenderId", "AuthorId", "Body", "SentAt", "ClientToken")
            SELECT $6, conv."LastSeq", $7, $8, $9, conv."LastActivityAt", $10 FROM conv
            RETURNING "Id", "Seq"),
        members AS (
            UPDATE "ConversationMembers" AS m
               SET "LastSeq" = conv."LastSeq", "LastActivityAt" = conv."LastActivityAt",
                   "LastReadSeq" = CASE WHEN m."ParticipantId" = $1 THEN conv."LastSeq" ELSE m."LastReadSeq" END,
                   "UnmailedSince" = {EmailDue.AfterAppendSql("m", "m.\"ParticipantId\" = $1", "conv.\"LastActivityAt\"")}
              FROM conv WHERE m."ConversationId" = $6
            RETURNING m."ParticipantId"),
        positions AS (
            INSERT INTO "GroupReadPositions" ("ConversationId", "GroupId", "ManagerId", "LastReadSeq")
            SELECT $6, gm."GroupId", gm."MemberId", conv."LastSeq"
              FROM conv, "ConversationMembers" cm JOIN "GroupMembers" gm ON gm."GroupId" = cm."ParticipantId"
             WHERE cm."ConversationId" = $6 AND gm."MemberId" = $1 AND gm."Role" = ANY($11)
            ON CONFLICT ("ConversationId", "GroupId", "ManagerId") DO UPDATE SET "LastReadSeq" = EXCLUDED."LastReadSeq"
             WHERE "GroupReadPositions"."LastReadSeq" < EXCLUDED."LastReadSeq"
            RETURNING 1),
        readers AS (
            SELECT "ParticipantId" AS id FROM members
            UNION
            SELECT gm."MemberId" FROM members JOIN "GroupMembers" gm ON gm."GroupId" = members."ParticipantId" WHERE gm."Role" = ANY($11)),
        pushes AS (
            INSERT INTO "PushMessages" ("SubscriptionId", "ConversationId", "Seq", "DueAt", "Attempts")
            SELECT s."Id", $6, conv."LastSeq", conv."LastActivityAt", 0
              FROM conv, readers JOIN "PushSubscriptions" s ON s."PersonId" = readers.id
             WHERE readers.id <> $1
            ON CONFLICT DO NOTHING
            RETURNING 1),
        notified AS (
            SELECT pg_notify($12, json_build_object('Kind', 'posted', 'Conversation', $6, 'Actor', $7,
                             'Seq', (SELECT "LastSeq" FROM conv), 'To', json_agg(id), 'At', (SELECT "LastActivityAt" FROM conv))::text)
              FROM (SELECT id, (row_number() OVER () - 1) / $13 AS part FROM readers) AS r
             GROUP BY part)
        SELECT msg."Id", msg."Seq", (SELECT count(*) FROM notified) AS "Notifications" FROM msg
        """;

    protected override IEnumerable<NpgsqlParameter> Bind(AppendMessageArguments a) =>
    [
        Value(a.Sender.PersonId), Value(RateLimiter.Messages), Value(a.Capacity - 1), Value(a.Capacity), Value(a.PerSecond), Value(a.Conversation),
        Value(a.Sender.ParticipantId), Uuid(a.Sender.ForGroup ? a.Sender.PersonId : null), Text(a.Body), Uuid(a.ClientToken), ManagerRoles(),
        Value(EventEnvelope.Channel), Value(EventPublisher.MaxRecipientsPerNotification), Value(a.CheckReplyRules), Value(a.Sender.ForGroup), Value(a.Now),

    ];
}

using Conversations.Domain.Groups;
using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Conversations.Domain.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Conversations.Domain.Messaging;

/// <summary>
/// Adds a message to a conversation inside the caller's transaction: the sender's rate-limit token, the
/// conversation's counter (its row lock orders concurrent senders), the message, and the members' rows (each keeps a
/// copy of the conversation's position for their inbox). The event is published on the same transaction (NOTIFY is
/// delivered at commit, never on rollback).
/// </summary>
internal static class MessageAppender
{
    /// <param name="checkReplyRules">
    /// Whether the statement itself checks that the sender may write here (sees the conversation, someone else is not
    /// deleted, everyone else accepts them); a new conversation's recipients were checked before.
    /// </param>
    /// <returns>
    /// The message's id and sequence number; null when nothing was written: the sender is too fast, or (when checking)
    /// may not write here — the caller asks which.
    /// </returns>
    public static async Task<(long Id, long Seq)?> AppendAsync(
        ConversationsDbContext db, Guid conversationId, Actor sender, string body, Guid? clientToken, RateLimitOptions limits, CancellationToken cancellationToken,
        bool checkReplyRules = false)
    {
        var (capacity, perSecond) = RateLimiter.MessageBucket(limits);
        var author = sender.ForGroup ? sender.PersonId : (Guid?)null;

        // One statement, one round trip: check the sender may write (when asked), take a token (or stop), count the message in, write it, move every member's
        // copy of the position (the author has read up to here, in person and as manager of the groups in it), and
        // notify the conversation's people and its groups' managers, 150 per notification (NOTIFY's 8,000-byte limit).
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(Sql, connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction())
        {
            Parameters =
            {
                new() { Value = sender.PersonId }, new() { Value = RateLimiter.Messages }, new() { Value = capacity - 1 }, new() { Value = capacity },
                new() { Value = perSecond }, new() { Value = conversationId }, new() { Value = sender.ParticipantId },
                new() { Value = (object?)author ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid }, new() { Value = body, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = (object?)clientToken ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid }, new() { Value = GroupRoles.ManagerRoleNames },
                new() { Value = EventEnvelope.Channel }, new() { Value = EventPublisher.MaxRecipientsPerNotification }, new() { Value = checkReplyRules },
                new() { Value = sender.ForGroup },
            },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    /// <summary>
    /// $1 person, $2 bucket kind, $3 capacity − 1, $4 capacity, $5 tokens per second, $6 conversation, $7 sender (person
    /// or group), $8 author (manager for a group, else null), $9 body, $10 client token, $11 manager roles, $12 channel,
    /// $13 recipients per notification, $14 check the reply rules?, $15 for a group?
    /// </summary>
    internal static readonly string Sql = $"""
        WITH allowed AS (
            SELECT 1 WHERE NOT $14 OR (
                EXISTS (SELECT 1 FROM "ConversationMembers" mine WHERE mine."ConversationId" = $6 AND mine."ParticipantId" = $7)
                AND {SqlRules.MayAct("$1", "$7", "$15", "$11")}
                AND EXISTS (SELECT 1 FROM "ConversationMembers" o JOIN "Participants" p ON p."Id" = o."ParticipantId"
                             WHERE o."ConversationId" = $6 AND o."ParticipantId" <> $7 AND p."DeletedAt" IS NULL)
                AND NOT EXISTS (
                    SELECT 1 FROM "ConversationMembers" o JOIN "Participants" p ON p."Id" = o."ParticipantId"
                     WHERE o."ConversationId" = $6 AND o."ParticipantId" <> $7 AND {SqlRules.Refuses("p", "$7")}))),
        bucket AS (
            INSERT INTO "RateLimitBuckets" AS b ("ParticipantId", "Kind", "Tokens", "UpdatedAt")
            SELECT $1, $2, $3, clock_timestamp() FROM allowed
            ON CONFLICT ("ParticipantId", "Kind") DO UPDATE
               SET "Tokens" = {RateLimiter.TokensNowSql("b", "$4", "$5")} - 1, "UpdatedAt" = clock_timestamp()
             WHERE {RateLimiter.TokensNowSql("b", "$4", "$5")} >= 1
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
                   "LastReadSeq" = CASE WHEN m."ParticipantId" = $1 THEN conv."LastSeq" ELSE m."LastReadSeq" END
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
        notified AS (
            SELECT pg_notify($12, json_build_object('Kind', 'posted', 'Conversation', $6, 'Actor', $7,
                             'Seq', (SELECT "LastSeq" FROM conv), 'To', json_agg(id))::text)
              FROM (SELECT id, (row_number() OVER () - 1) / $13 AS part FROM readers) AS r
             GROUP BY part)
        SELECT msg."Id", msg."Seq", (SELECT count(*) FROM notified) AS "Notifications" FROM msg
        """;

    /// <summary>The message this sender already sent with this token, if any (a retry or a double-click).</summary>
    public static Task<SentMessage?> FindAlreadySentAsync(ConversationsDbContext db, Actor sender, Guid? clientToken, CancellationToken cancellationToken) =>
        clientToken is null
            ? Task.FromResult<SentMessage?>(null)
            : db.Messages.AsNoTracking().Where(m => m.SenderId == sender.ParticipantId && m.ClientToken == clientToken)
                .Select(m => new SentMessage(m.ConversationId, m.Id, m.Seq, false)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Whether a failed write collided with a message already sent under the same client token.</summary>
    public static bool IsDuplicateToken(Exception exception) => exception switch
    {
        DbUpdateException update => UniqueViolation.ConstraintOf(update) == MessageConfiguration.ClientTokenIndex,
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation && pg.ConstraintName == MessageConfiguration.ClientTokenIndex,
        _ => false,
    };
}

using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Conversations.Domain.Realtime;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Conversations.Domain.Messaging;

/// <summary>
/// Adds a message to a conversation inside the caller's transaction: the sender's rate-limit token, the
/// conversation's counter (its row lock orders concurrent senders), the message, and the members' rows (each keeps a
/// copy of the conversation's position for their inbox). The event is published on the same transaction (NOTIFY is
/// delivered at commit, never on rollback).
/// </summary>
internal static class MessageAppender
{
    /// <returns>The message's id and sequence number, or null when the person is sending too fast (nothing written).</returns>
    public static async Task<(long Id, long Seq)?> AppendAsync(
        ConversationsDbContext db, Guid conversationId, Actor sender, string body, Guid? clientToken, RateLimitOptions limits, CancellationToken cancellationToken)
    {
        var (capacity, perSecond) = RateLimiter.MessageBucket(limits);
        var author = sender.ForGroup ? sender.PersonId : (Guid?)null;

        // One statement, one round trip: take a token (or stop), count the message in, write it, move every member's
        // copy of the position (the author has read up to here, in person and as manager of the groups in it), and
        // notify the conversation's people and its groups' managers, 150 per notification (NOTIFY's 8,000-byte limit).
        var written = await db.Database.SqlQuery<Appended>($"""
            WITH bucket AS (
                INSERT INTO "RateLimitBuckets" AS b ("ParticipantId", "Kind", "Tokens", "UpdatedAt")
                VALUES ({sender.PersonId}, {RateLimiter.Messages}, {capacity - 1}, clock_timestamp())
                ON CONFLICT ("ParticipantId", "Kind") DO UPDATE
                   SET "Tokens" = LEAST({capacity}, b."Tokens" + EXTRACT(EPOCH FROM clock_timestamp() - b."UpdatedAt") * {perSecond}) - 1,
                       "UpdatedAt" = clock_timestamp()
                 WHERE LEAST({capacity}, b."Tokens" + EXTRACT(EPOCH FROM clock_timestamp() - b."UpdatedAt") * {perSecond}) >= 1
                RETURNING 1),
            conv AS (
                UPDATE "Conversations" SET "LastSeq" = "LastSeq" + 1, "LastActivityAt" = clock_timestamp()
                 WHERE "Id" = {conversationId} AND EXISTS (SELECT 1 FROM bucket)
                RETURNING "LastSeq", "LastActivityAt"),
            msg AS (
                INSERT INTO "Messages" ("ConversationId", "Seq", "SenderId", "AuthorId", "Body", "SentAt", "ClientToken")
                SELECT {conversationId}, conv."LastSeq", {sender.ParticipantId}, {author}::uuid, {body}::text, conv."LastActivityAt", {clientToken}::uuid FROM conv
                RETURNING "Id", "Seq"),
            members AS (
                UPDATE "ConversationMembers" AS m
                   SET "LastSeq" = conv."LastSeq", "LastActivityAt" = conv."LastActivityAt",
                       "LastReadSeq" = CASE WHEN m."ParticipantId" = {sender.PersonId} THEN conv."LastSeq" ELSE m."LastReadSeq" END
                  FROM conv WHERE m."ConversationId" = {conversationId}
                RETURNING m."ParticipantId"),
            positions AS (
                INSERT INTO "GroupReadPositions" ("ConversationId", "GroupId", "ManagerId", "LastReadSeq")
                SELECT {conversationId}, gm."GroupId", gm."MemberId", conv."LastSeq"
                  FROM conv, "ConversationMembers" cm JOIN "GroupMembers" gm ON gm."GroupId" = cm."ParticipantId"
                 WHERE cm."ConversationId" = {conversationId} AND gm."MemberId" = {sender.PersonId} AND gm."Role" = ANY({Access.ManagerRoles})
                ON CONFLICT ("ConversationId", "GroupId", "ManagerId") DO UPDATE SET "LastReadSeq" = EXCLUDED."LastReadSeq"
                 WHERE "GroupReadPositions"."LastReadSeq" < EXCLUDED."LastReadSeq"
                RETURNING 1),
            readers AS (
                SELECT "ParticipantId" AS id FROM members
                UNION
                SELECT gm."MemberId" FROM members JOIN "GroupMembers" gm ON gm."GroupId" = members."ParticipantId" WHERE gm."Role" = ANY({Access.ManagerRoles})),
            notified AS (
                SELECT pg_notify({EventEnvelope.Channel}, json_build_object('Kind', 'posted', 'Conversation', {conversationId}::uuid, 'Actor', {sender.ParticipantId}::uuid,
                                 'Seq', (SELECT "LastSeq" FROM conv), 'To', json_agg(id))::text)
                  FROM (SELECT id, (row_number() OVER () - 1) / {EventPublisher.MaxRecipientsPerNotification} AS part FROM readers) AS r
                 GROUP BY part)
            SELECT msg."Id", msg."Seq", (SELECT count(*) FROM notified) AS "Notifications" FROM msg
            """).ToListAsync(cancellationToken);
        return written.Count == 1 ? (written[0].Id, written[0].Seq) : null;
    }

    private sealed record Appended(long Id, long Seq, long Notifications);

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

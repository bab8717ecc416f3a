using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Conversations.Domain.Realtime;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Conversations.Domain.Messaging;

/// <summary>
/// Adds a message to a conversation inside the caller's transaction, writing three rows whatever the number of
/// participants: the conversation's counter (its row lock orders concurrent senders), the message, and the
/// sender's read position. The event is published on the same transaction.
/// </summary>
internal static class MessageAppender
{
    public static async Task<(long Id, long Seq)> AppendAsync(
        ConversationsDbContext db, Guid conversationId, Guid senderId, string body, Guid? clientToken, CancellationToken cancellationToken)
    {
        var seq = await db.Database.SqlQuery<long>($"""
            UPDATE "Conversations" SET "LastSeq" = "LastSeq" + 1, "LastActivityAt" = clock_timestamp()
            WHERE "Id" = {conversationId} RETURNING "LastSeq" AS "Value"
            """).AsAsyncEnumerable().SingleAsync(cancellationToken);
        var id = await db.Database.SqlQuery<long>($"""
            INSERT INTO "Messages" ("ConversationId", "Seq", "SenderId", "Body", "SentAt", "ClientToken")
            VALUES ({conversationId}, {seq}, {senderId}, {body}, clock_timestamp(), {clientToken})
            RETURNING "Id" AS "Value"
            """).AsAsyncEnumerable().SingleAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE "ConversationMembers" SET "LastReadSeq" = {seq}
            WHERE "ConversationId" = {conversationId} AND "ParticipantId" = {senderId}
            """, cancellationToken);
        var members = await db.ConversationMembers.Where(m => m.ConversationId == conversationId)
            .Select(m => m.ParticipantId).ToArrayAsync(cancellationToken);
        await EventPublisher.PublishAsync(db, EventEnvelope.Posted(new MessagePosted(conversationId, senderId, seq), members), cancellationToken);
        return (id, seq);
    }

    /// <summary>The message this sender already sent with this token, if any (a retry or a double-click).</summary>
    public static Task<SentMessage?> FindAlreadySentAsync(ConversationsDbContext db, Guid senderId, Guid? clientToken, CancellationToken cancellationToken) =>
        clientToken is null
            ? Task.FromResult<SentMessage?>(null)
            : db.Messages.AsNoTracking().Where(m => m.SenderId == senderId && m.ClientToken == clientToken)
                .Select(m => new SentMessage(m.ConversationId, m.Id, m.Seq, false)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Whether a failed write collided with a message already sent under the same client token.</summary>
    public static bool IsDuplicateToken(Exception exception) => exception switch
    {
        DbUpdateException update => UniqueViolation.ConstraintOf(update) == MessageConfiguration.ClientTokenIndex,
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation && pg.ConstraintName == MessageConfiguration.ClientTokenIndex,
        _ => false,
    };
}

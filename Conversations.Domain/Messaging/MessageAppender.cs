using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Conversations.Domain.Realtime;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Conversations.Domain.Messaging;

/// <summary>
/// Adds a message to a conversation inside the caller's transaction: the conversation's counter (its row lock
/// orders concurrent senders), the message, and the members' rows (each keeps a copy of the conversation's position
/// for their inbox; the author's read position moves; a manager writing for a group: their own position in it). The event is published on the
/// same transaction, to the conversation's people and the managers of its groups.
/// </summary>
internal static class MessageAppender
{
    public static async Task<(long Id, long Seq)> AppendAsync(
        ConversationsDbContext db, Guid conversationId, Actor sender, string body, Guid? clientToken, CancellationToken cancellationToken)
    {
        var position = await db.Database.SqlQuery<Position>($"""
            UPDATE "Conversations" SET "LastSeq" = "LastSeq" + 1, "LastActivityAt" = clock_timestamp()
            WHERE "Id" = {conversationId} RETURNING "LastSeq" AS "Seq", "LastActivityAt" AS "At"
            """).AsAsyncEnumerable().SingleAsync(cancellationToken);
        var seq = position.Seq;
        var id = await db.Database.SqlQuery<long>($"""
            INSERT INTO "Messages" ("ConversationId", "Seq", "SenderId", "AuthorId", "Body", "SentAt", "ClientToken")
            VALUES ({conversationId}, {seq}, {sender.ParticipantId}, {(sender.ForGroup ? sender.PersonId : (Guid?)null)}, {body}, {position.At}, {clientToken})
            RETURNING "Id" AS "Value"
            """).AsAsyncEnumerable().SingleAsync(cancellationToken);

        // Every member's copy of the conversation's position moves; the author (in person) has read up to here.
        await db.Database.ExecuteSqlAsync($"""
            UPDATE "ConversationMembers" SET "LastSeq" = {seq}, "LastActivityAt" = {position.At},
                   "LastReadSeq" = CASE WHEN "ParticipantId" = {sender.PersonId} THEN {seq} ELSE "LastReadSeq" END
            WHERE "ConversationId" = {conversationId}
            """, cancellationToken);
        await ReadPositions.MoveGroupPositionsOfAuthorAsync(db, conversationId, sender.PersonId, seq, cancellationToken);
        var readers = await ReadPositions.ReadersAsync(db, conversationId, cancellationToken);
        await EventPublisher.PublishAsync(db, EventEnvelope.Posted(new MessagePosted(conversationId, sender.ParticipantId, seq), readers), cancellationToken);
        return (id, seq);
    }

    private sealed record Position(long Seq, DateTimeOffset At);

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

using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
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
    /// <param name="checkReplyRules">
    /// Whether the statement itself checks that the sender may write here (sees the conversation, someone else is not
    /// deleted, everyone else accepts them); a new conversation's recipients were checked before.
    /// </param>
    /// <returns>
    /// The message's id and sequence number; null when nothing was written: the sender is too fast, or (when checking)
    /// may not write here — the caller asks which.
    /// </returns>
    public static async Task<(long Id, long Seq)?> AppendAsync(
        ConversationsDbContext db,
        Guid conversationId,
        Actor sender,
        string body,
        Guid? clientToken,
        RateLimitOptions limits,
        CancellationToken cancellationToken,
        bool checkReplyRules = false
    )
    {
        return await AppendAsync(
            db,
            RateLimiter.MessageArguments(
                limits,
                sender,
                new ConversationId(conversationId),
                body,
                clientToken,
                checkReplyRules
            ),
            cancellationToken
        );
    }

    /// <summary>The same, with the statement's arguments already made (the reply writer's one-by-one path).</summary>
    public static async Task<(long Id, long Seq)?> AppendAsync(
        ConversationsDbContext db,
        AppendMessageArguments arguments,
        CancellationToken cancellationToken
    )
    {
        await using var command = await AppendMessageStatement.Instance.CommandAsync(db, arguments, cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await WrittenAsync(reader, cancellationToken);
    }

    /// <summary>What one <see cref="AppendMessageStatement"/> answered: the message's id and sequence number, or null when it wrote nothing.</summary>
    public static async Task<(long Id, long Seq)?> WrittenAsync(
        NpgsqlDataReader reader,
        CancellationToken cancellationToken
    ) => await reader.ReadAsync(cancellationToken) ? (reader.Get<long>("Id"), reader.Get<long>("Seq")) : null;

    /// <summary>The message this sender already sent with this token, if any (a retry or a double-click).</summary>
    public static Task<SentMessage?> FindAlreadySentAsync(
        ConversationsDbContext db,
        Actor sender,
        Guid? clientToken,
        CancellationToken cancellationToken
    ) =>
        clientToken is null
            ? Task.FromResult<SentMessage?>(null)
            : db
                .Messages.AsNoTracking()
                .Where(m => m.SenderId == sender.ParticipantId && m.ClientToken == clientToken)
                .Select(m => new SentMessage(m.ConversationId, m.Id, m.Seq, false))
                .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Whether a failed write collided with a message already sent under the same client token.</summary>
    public static bool IsDuplicateToken(Exception exception) =>
        exception switch
        {
            DbUpdateException update => UniqueViolation.ConstraintOf(update) == MessageConfiguration.ClientTokenIndex,
            PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation
                && pg.ConstraintName == MessageConfiguration.ClientTokenIndex,
            _ => false,
        };
}

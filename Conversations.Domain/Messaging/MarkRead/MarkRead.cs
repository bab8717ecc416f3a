using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Conversations.Domain.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Messaging;

/// <summary>
/// Opening a conversation reads everything in it, for the reader in that capacity (their own, or as one manager of
/// a group); the reader's other tabs are told.
/// </summary>
public sealed class MarkRead(IDbContextFactory<ConversationsDbContext> contexts)
{
    /// <returns>Whether anything was unread.</returns>
    public async Task<Result<bool>> HandleAsync(
        Actor reader,
        ConversationId conversation,
        CancellationToken cancellationToken = default
    )
    {
        var conversationId = conversation.Value;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await Access.CanSeeAsync(db, conversationId, reader, cancellationToken))
        {
            return Access.ConversationNotFound;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var lastSeq = await db
            .Conversations.Where(c => c.Id == conversationId)
            .Select(c => c.LastSeq)
            .SingleAsync(cancellationToken);
        if (await ReadPositions.MoveToAsync(db, conversationId, reader, lastSeq, cancellationToken) == 0)
        {
            return false;
        }

        await EventPublisher.PublishAsync(
            db,
            EventEnvelope.Read(new ConversationRead(conversationId, new PersonId(reader.PersonId))),
            cancellationToken
        );
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}

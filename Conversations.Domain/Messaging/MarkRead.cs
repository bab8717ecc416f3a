using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Conversations.Domain.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Messaging;

/// <summary>Opening a conversation reads everything in it; the participant's other tabs are told.</summary>
public sealed class MarkRead(IDbContextFactory<ConversationsDbContext> contexts)
{
    /// <returns>Whether anything was unread.</returns>
    public async Task<Result<bool>> HandleAsync(Guid readerId, Guid conversationId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.Database.ExecuteSqlAsync($"""
            UPDATE "ConversationMembers" AS m SET "LastReadSeq" = c."LastSeq"
            FROM "Conversations" AS c
            WHERE c."Id" = m."ConversationId" AND m."ConversationId" = {conversationId} AND m."ParticipantId" = {readerId}
              AND m."LastReadSeq" < c."LastSeq"
            """, cancellationToken);
        if (changed == 0)
        {
            return await Membership.IsMemberAsync(db, conversationId, readerId, cancellationToken)
                ? false
                : new NotFound("This conversation does not exist.");
        }

        await EventPublisher.PublishAsync(db, EventEnvelope.Read(new ConversationRead(conversationId, readerId)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}

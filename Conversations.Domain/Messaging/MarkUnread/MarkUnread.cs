using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Conversations.Domain.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Messaging;

/// <summary>
/// "Unread from here": the reader's position (their own, or theirs as one of a group's managers) moves back to just
/// before a message someone else wrote, so that message and every later one are unread again — on the badge, in the
/// inbox and, for a person's own conversations, for the new-message email as for any unread message (a message already
/// mailed about is not mailed twice). The reader's tabs on every server hear of it as of a read.
/// </summary>
public sealed class MarkUnread(IDbContextFactory<ConversationsDbContext> contexts)
{
    /// <returns>Whether the position moved (false when the message was unread already).</returns>
    public async Task<Result<bool>> HandleAsync(
        Actor reader,
        ConversationId conversation,
        long fromSeq,
        CancellationToken cancellationToken = default
    )
    {
        var conversationId = conversation.Value;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await Access.CanSeeAsync(db, conversationId, reader, cancellationToken))
        {
            return Access.ConversationNotFound;
        }

        var sender = await db
            .Messages.Where(m => m.ConversationId == conversationId && m.Seq == fromSeq)
            .Select(m => (Guid?)m.SenderId)
            .SingleOrDefaultAsync(cancellationToken);
        if (sender is null)
        {
            return new NotFound(ProblemCodes.MessageNotFound);
        }

        if (sender == reader.ParticipantId)
        {
            return new Invalid("Message", ProblemCodes.UnreadOwnMessage);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await ReadPositions.MoveBackAsync(db, conversationId, reader, fromSeq - 1, cancellationToken) == 0)
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

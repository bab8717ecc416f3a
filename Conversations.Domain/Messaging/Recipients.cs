using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Messaging;

/// <summary>The rules for whom a conversation may be started with.</summary>
internal static class Recipients
{
    public static async Task<Problem?> CheckAsync(
        ConversationsDbContext db, Guid senderId, IReadOnlyList<Guid> recipientIds, int maxRecipients, CancellationToken cancellationToken)
    {
        if (recipientIds.Count == 0)
        {
            return new Invalid("Recipients", "Pick at least one recipient.");
        }

        if (recipientIds.Contains(senderId))
        {
            return new Invalid("Recipients", "You cannot write to yourself: pick someone else.");
        }

        if (recipientIds.Distinct().Count() != recipientIds.Count)
        {
            return new Invalid("Recipients", "The same recipient is picked twice: remove one.");
        }

        if (recipientIds.Count > maxRecipients)
        {
            return new Invalid("Recipients", $"A conversation has at most {maxRecipients} recipients besides you: remove {recipientIds.Count - maxRecipients}.");
        }

        var known = await db.Participants.CountAsync(p => recipientIds.Contains(p.Id), cancellationToken);
        var senderKnown = await db.Participants.AnyAsync(p => p.Id == senderId, cancellationToken);
        return known == recipientIds.Count && senderKnown
            ? null
            : new Invalid("Recipients", "One of the recipients does not exist (any more): remove them and try again.");
    }
}

using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Messaging;

/// <summary>Before anything is written: which of these participants would refuse a message from the sender (for a profile's "Message" button).</summary>
public sealed class CheckConsent(IDbContextFactory<ConversationsDbContext> contexts)
{
    public async Task<IReadOnlyList<Refusal>> HandleAsync(Actor sender, IReadOnlyCollection<Guid> recipientIds, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Consent.RefusalsAsync(db, sender.ParticipantId, recipientIds, cancellationToken);
    }
}

using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Messaging;

/// <summary>
/// Before anything is written: which of these participants the sender could not write to — blocked on the platform, or
/// refusing the sender's messages (<see cref="Consent"/>) — for a profile's "Message" button.
/// </summary>
public sealed class CheckConsent(IDbContextFactory<ConversationsDbContext> contexts)
{
    public async Task<IReadOnlyList<Refusal>> HandleAsync(
        Actor sender,
        IReadOnlyCollection<Guid> recipientIds,
        CancellationToken cancellationToken = default
    )
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var blocked = await db
            .Participants.AsNoTracking()
            .Where(p => recipientIds.Contains(p.Id))
            .Where(Moderation.PlatformBlock.Rule)
            .Select(p => new Refusal(p.Id, p.DisplayName, true))
            .ToListAsync(cancellationToken);
        return [.. blocked, .. await Consent.RefusalsAsync(db, sender.ParticipantId, recipientIds, cancellationToken)];
    }
}

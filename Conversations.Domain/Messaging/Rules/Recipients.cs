using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Messaging;

/// <summary>The rules for whom a conversation may be started with: 1–9 others, existing, not deleted or blocked on the platform, all accepting the sender.</summary>
internal static class Recipients
{
    public static async Task<Problem?> CheckAsync(
        ConversationsDbContext db,
        Guid senderId,
        IReadOnlyList<Guid> recipientIds,
        int maxRecipients,
        CancellationToken cancellationToken
    )
    {
        if (await CheckSetAsync(db, senderId, recipientIds, maxRecipients, cancellationToken) is { } problem)
        {
            return problem;
        }

        var refusals = await Consent.RefusalsAsync(db, senderId, recipientIds, cancellationToken);
        return refusals.Count == 0 ? null : Consent.NotAccepting(refusals.Select(r => r.DisplayName).ToList());
    }

    /// <summary>The set itself: how many, not the sender, no duplicates, all existing and not deleted (the sender was checked before).</summary>
    public static async Task<Problem?> CheckSetAsync(
        ConversationsDbContext db,
        Guid senderId,
        IReadOnlyList<Guid> recipientIds,
        int maxRecipients,
        CancellationToken cancellationToken
    )
    {
        if (RecipientPicks.Check(recipientIds, senderId, maxRecipients) is { } wrongPicks)
        {
            return wrongPicks;
        }

        var known = await db
            .Participants.Where(p => recipientIds.Contains(p.Id))
            .Select(p => new { p.DisplayName, Deleted = p.DeletedAt != null })
            .ToListAsync(cancellationToken);
        if (known.Count != recipientIds.Count)
        {
            return new Invalid("Recipients", ProblemCodes.RecipientsUnknown);
        }

        return known.Any(k => k.Deleted) ? new Invalid("Recipients", ProblemCodes.RecipientsDeleted)
            : await db
                .Participants.Where(p => recipientIds.Contains(p.Id))
                .AnyAsync(Moderation.PlatformBlock.Rule, cancellationToken)
                ? new Invalid("Recipients", ProblemCodes.RecipientsBlocked)
            : null;
    }
}

using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Relationships;

/// <summary>The participants a person has blocked, for Settings (where they can be unblocked).</summary>
public sealed class ListBlocked(IDbContextFactory<ConversationsDbContext> contexts)
{
    public async Task<IReadOnlyList<Profile>> HandleAsync(Guid blockerId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db
            .Blocks.Where(b => b.BlockerId == blockerId)
            .Join(db.Participants, b => b.BlockedId, p => p.Id, (b, p) => p)
            .OrderBy(p => p.DisplayName)
            .Select(ProfileProjection.FromParticipant)
            .ToListAsync(cancellationToken);
    }
}

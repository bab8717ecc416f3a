using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Conversations.Domain.Relationships;

/// <summary>
/// A person blocks a participant (who is not told) or unblocks them. The blocked one can no longer start or continue a
/// conversation that includes the blocker, nor find them in the search.
/// </summary>
public sealed class BlockParticipant(
    IDbContextFactory<ConversationsDbContext> contexts,
    IOptions<RateLimitOptions> limits
)
{
    public async Task<Result<bool>> HandleAsync(
        PersonId blocker,
        ParticipantId blocked,
        bool block = true,
        CancellationToken cancellationToken = default
    )
    {
        var (blockerId, blockedId) = (blocker.Value, blocked.Value);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (block && await RelationshipTarget.CheckAsync(db, blockerId, blockedId, cancellationToken) is { } problem)
        {
            return problem;
        }

        if (await RateLimiter.TakeChangeAsync(db, limits.Value, blockerId, cancellationToken) is { } tooOften)
        {
            return tooOften;
        }

        var changed = block
            ? await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "Blocks" ("BlockerId", "BlockedId", "Since") VALUES ({blockerId}, {blockedId}, clock_timestamp())
                ON CONFLICT DO NOTHING
                """,
                cancellationToken
            )
            : await db
                .Blocks.Where(b => b.BlockerId == blockerId && b.BlockedId == blockedId)
                .ExecuteDeleteAsync(cancellationToken);
        return changed > 0;
    }
}

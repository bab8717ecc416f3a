using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Relationships;

/// <summary>A person follows a participant (again: nothing changes) or stops following them.</summary>
public sealed class FollowParticipant(IDbContextFactory<ConversationsDbContext> contexts)
{
    public async Task<Result<bool>> HandleAsync(Guid followerId, Guid followedId, bool follow = true, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await RelationshipTarget.CheckAsync(db, followerId, followedId, cancellationToken) is { } problem)
        {
            return problem;
        }

        var changed = follow
            ? await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Follows" ("FollowerId", "FollowedId", "Since") VALUES ({followerId}, {followedId}, clock_timestamp())
                ON CONFLICT DO NOTHING
                """, cancellationToken)
            : await db.Follows.Where(f => f.FollowerId == followerId && f.FollowedId == followedId).ExecuteDeleteAsync(cancellationToken);
        return changed > 0;
    }
}

using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Conversations.Domain.Relationships;

/// <summary>A person follows a participant (again: nothing changes) or stops following them.</summary>
public sealed class FollowParticipant(
    IDbContextFactory<ConversationsDbContext> contexts,
    IOptions<RateLimitOptions> limits
)
{
    public async Task<Result<bool>> HandleAsync(
        PersonId follower,
        ParticipantId followed,
        bool follow = true,
        CancellationToken cancellationToken = default
    )
    {
        var (followerId, followedId) = (follower.Value, followed.Value);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await RelationshipTarget.CheckAsync(db, followerId, followedId, cancellationToken) is { } problem)
        {
            return problem;
        }

        if (await RateLimiter.TakeChangeAsync(db, limits.Value, followerId, cancellationToken) is { } tooOften)
        {
            return tooOften;
        }

        var changed = follow
            ? await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "Follows" ("FollowerId", "FollowedId", "Since") VALUES ({followerId}, {followedId}, clock_timestamp())
                ON CONFLICT DO NOTHING
                """,
                cancellationToken
            )
            : await db
                .Follows.Where(f => f.FollowerId == followerId && f.FollowedId == followedId)
                .ExecuteDeleteAsync(cancellationToken);
        return changed > 0;
    }
}

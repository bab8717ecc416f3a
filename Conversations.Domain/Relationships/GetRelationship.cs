using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Relationships;

/// <summary>
/// What a profile shows about follows, and what the viewer has chosen about this participant. Whether the viewer
/// is blocked is never told.
/// </summary>
public sealed record Relationship(int Followers, int Following, bool ViewerFollows, bool ViewerBlocked);

public sealed class GetRelationship(IDbContextFactory<ConversationsDbContext> contexts)
{
    public async Task<Relationship> HandleAsync(
        ParticipantId participant,
        PersonId? viewerId,
        CancellationToken cancellationToken = default
    )
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var participantId = participant.Value;
        var viewer = viewerId?.Value ?? Guid.Empty;
        return await db
            .Participants.Where(p => p.Id == participantId)
            .Select(p => new Relationship(
                db.Follows.Count(f => f.FollowedId == p.Id),
                db.Follows.Count(f => f.FollowerId == p.Id),
                db.Follows.Any(f => f.FollowerId == viewer && f.FollowedId == p.Id),
                db.Blocks.Any(b => b.BlockerId == viewer && b.BlockedId == p.Id)
            ))
            .FirstOrDefaultAsync(cancellationToken)
            ?? new Relationship(0, 0, false, false);
    }
}

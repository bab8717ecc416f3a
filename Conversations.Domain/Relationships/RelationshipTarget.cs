using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Relationships;

/// <summary>Who may be followed or blocked: any existing participant other than oneself, by an existing person.</summary>
internal static class RelationshipTarget
{
    public static async Task<Problem?> CheckAsync(ConversationsDbContext db, Guid personId, Guid targetId, CancellationToken cancellationToken)
    {
        if (personId == targetId)
        {
            return new Invalid("Participant", "That is you.");
        }

        var found = await db.Participants.Where(p => (p.Id == personId && !p.IsGroup) || p.Id == targetId)
            .CountAsync(p => p.DeletedAt == null, cancellationToken);
        return found == 2 ? null : new NotFound("This participant does not exist.");
    }
}

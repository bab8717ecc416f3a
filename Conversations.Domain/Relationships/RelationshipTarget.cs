using Conversations.Domain.Common;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Relationships;

/// <summary>Who may be followed or blocked: any existing participant other than oneself, by an existing person.</summary>
internal static class RelationshipTarget
{
    internal static async Task<Problem?> CheckAsync(
        ConversationsDbContext db,
        Guid personId,
        Guid targetId,
        CancellationToken cancellationToken
    )
    {
        if (personId == targetId)
        {
            return new Invalid("Participant", ProblemCodes.ThatIsYou);
        }

        if (!await LivePerson.ExistsAsync(db, personId, cancellationToken))
        {
            return LivePerson.AccountGone;
        }

        return await db.Participants.AnyAsync(p => p.Id == targetId && p.DeletedAt == null, cancellationToken)
            ? null
            : new NotFound(ProblemCodes.ParticipantNotFound);
    }
}

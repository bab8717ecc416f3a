using Conversations.Domain.Common;
using Conversations.Domain.Groups;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Messaging;

/// <summary>
/// Who may see a conversation: its participants and, for a group participant, the group's managers at this
/// moment (a manager who is removed or demoted loses access at once). Everyone else is told it does not exist.
/// </summary>
internal static class Access
{
    /// <summary>Whether the actor may act at all: in one's own name while the account exists; in a group's only while managing it.</summary>
    public static Task<bool> CanActAsync(ConversationsDbContext db, Actor actor, CancellationToken cancellationToken) =>
        actor.ForGroup
            ? Managers.Of(db, actor.ParticipantId).AnyAsync(m => m.MemberId == actor.PersonId, cancellationToken) // a deleted account manages nothing
            : LivePerson.ExistsAsync(db, actor.PersonId, cancellationToken);

    public static async Task<bool> CanSeeAsync(
        ConversationsDbContext db,
        Guid conversationId,
        Actor actor,
        CancellationToken cancellationToken
    ) =>
        await db.ConversationMembers.AnyAsync(
            m => m.ConversationId == conversationId && m.ParticipantId == actor.ParticipantId,
            cancellationToken
        ) && await CanActAsync(db, actor, cancellationToken);

    public static NotFound ConversationNotFound => new(ProblemCodes.ConversationNotFound);
}

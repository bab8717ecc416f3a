using Conversations.Domain.Common;
using Conversations.Domain.Groups;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Messaging;

/// <summary>
/// Who may see a conversation: its participants and, for a group participant, the group's managers at this
/// moment (a manager who is removed or demoted loses access at once). Everyone else is told it does not exist.
/// </summary>
internal static class Access
{
    public static readonly string[] ManagerRoles = [nameof(GroupRole.Admin), nameof(GroupRole.Creator)];

    /// <summary>Whether the actor may act at all: in one's own name while the account exists; in a group's only while managing it.</summary>
    public static Task<bool> CanActAsync(ConversationsDbContext db, Actor actor, CancellationToken cancellationToken) =>
        actor.ForGroup
            ? Managers(db, actor.ParticipantId).AnyAsync(m => m.MemberId == actor.PersonId, cancellationToken) // a deleted account manages nothing
            : db.Participants.AnyAsync(p => p.Id == actor.PersonId && p.DeletedAt == null && !p.IsGroup, cancellationToken);

    public static async Task<bool> CanSeeAsync(ConversationsDbContext db, Guid conversationId, Actor actor, CancellationToken cancellationToken) =>
        await db.ConversationMembers.AnyAsync(m => m.ConversationId == conversationId && m.ParticipantId == actor.ParticipantId, cancellationToken)
        && await CanActAsync(db, actor, cancellationToken);

    public static IQueryable<GroupMember> Managers(ConversationsDbContext db, Guid groupId) =>
        ManagerRows(db).Where(m => m.GroupId == groupId);

    /// <summary>The groups a person manages, as their membership rows.</summary>
    public static IQueryable<GroupMember> ManagedBy(ConversationsDbContext db, Guid personId) =>
        ManagerRows(db).Where(m => m.MemberId == personId);

    private static IQueryable<GroupMember> ManagerRows(ConversationsDbContext db) =>
        db.GroupMembers.Where(m => m.Role == GroupRole.Admin || m.Role == GroupRole.Creator);

    public static NotFound ConversationNotFound => new("This conversation does not exist.");
}

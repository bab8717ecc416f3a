using Conversations.Domain.Persistence;

namespace Conversations.Domain.Groups;

/// <summary>
/// A manager's invitation of a person into a group. Until the person accepts it they are not a member: not listed, and
/// nothing written to the group reaches them. Declining, or accepting, removes it.
/// </summary>
public class GroupInvitation
{
    public Guid GroupId { get; set; }

    public Guid PersonId { get; set; }

    public Guid InvitedById { get; set; }

    public DateTimeOffset InvitedAt { get; set; }
}

/// <summary>The one spelling of which invitations reach their person.</summary>
internal static class GroupInvitations
{
    /// <summary>
    /// The invitations a person receives: never one from someone they blocked, nor into a group they blocked. Such an
    /// invitation is kept all the same, and the managers see it as unanswered, like any other (nothing tells them of
    /// the block); answering asks this very rule.
    /// </summary>
    public static IQueryable<GroupInvitation> Received(ConversationsDbContext db) =>
        db.GroupInvitations.Where(i =>
            !db.Blocks.Any(b => b.BlockerId == i.PersonId && (b.BlockedId == i.InvitedById || b.BlockedId == i.GroupId))
        );
}

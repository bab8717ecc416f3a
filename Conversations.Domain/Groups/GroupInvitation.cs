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

namespace Conversations.Domain.Groups;

/// <summary>A person's membership of a group, with their role.</summary>
public class GroupMember
{
    public Guid GroupId { get; set; }

    public Guid MemberId { get; set; }

    public GroupRole Role { get; set; }

    public DateTimeOffset JoinedAt { get; set; }

    /// <summary>A manager muted the group's whole inbox: told of none of its conversations (<see cref="Messaging.Telling.Heard"/>).</summary>
    public bool InboxMuted { get; set; }
}

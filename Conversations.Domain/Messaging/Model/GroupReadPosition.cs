namespace Conversations.Domain.Messaging;

/// <summary>
/// How far one manager has read one of their group's conversations: each manager has their own read state.
/// A missing row means nothing read yet; rows are written when the manager reads or writes for the group.
/// </summary>
public class GroupReadPosition
{
    public Guid ConversationId { get; set; }

    public Guid GroupId { get; set; }

    public Guid ManagerId { get; set; }

    public long LastReadSeq { get; set; }

    /// <summary>The newest sequence number this manager was emailed about for the group (see <c>Email/NewMessageEmails</c>).</summary>
    public long NotifiedSeq { get; set; }

    /// <summary>This manager muted this conversation of the group (<see cref="Telling.Heard"/>).</summary>
    public bool Muted { get; set; }

    /// <summary>This manager archived this conversation of the group at this message (<see cref="Archive.Archived"/>).</summary>
    public long? ArchivedSeq { get; set; }
}

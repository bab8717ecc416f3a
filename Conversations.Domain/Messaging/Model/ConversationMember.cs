namespace Conversations.Domain.Messaging;

/// <summary>One participant of a conversation, with how far they have read.</summary>
public class ConversationMember
{
    public Guid ConversationId { get; set; }

    public Guid ParticipantId { get; set; }

    /// <summary>Messages with a higher sequence number are unread for this participant.</summary>
    public long LastReadSeq { get; set; }

    /// <summary>
    /// The conversation's newest sequence number and activity time, copied onto every member's row with each message,
    /// so that a participant's inbox and unread total read only their own rows, in index order, however many
    /// conversations they have (see <see cref="Persistence.ConversationMemberConfiguration.InboxIndex"/>).
    /// </summary>
    public long LastSeq { get; set; }

    public DateTimeOffset LastActivityAt { get; set; }

    /// <summary>
    /// The newest sequence number the participant was emailed about (see <c>Email/NewMessageEmails</c>): the next email
    /// about this conversation waits until they have read up to it again.
    /// </summary>
    public long NotifiedSeq { get; set; }
}

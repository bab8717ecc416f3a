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

    /// <summary>
    /// When the first message this participant has neither read nor been emailed about was sent; null when there is
    /// none (nothing unread, or mailed since they last read). The email pass takes the rows where it is older than the
    /// delay, oldest first, through an index of its own, so a turn reads what it mails and never what merely waits.
    /// Kept by every statement that moves <see cref="LastSeq"/>, <see cref="LastReadSeq"/> or <see cref="NotifiedSeq"/>.
    /// </summary>
    public DateTimeOffset? UnmailedSince { get; set; }

    /// <summary>Whether the conversation is still a message request to this member (see <see cref="MessageRequests"/>).</summary>
    public MessageRequest Request { get; set; }

    /// <summary>The member muted the conversation: no email, no push, not on the badge (<see cref="Telling.Heard"/>).</summary>
    public bool Muted { get; set; }

    /// <summary>
    /// The member archived the conversation when its newest message was this one: out of the inbox, in the archived list,
    /// until a newer message arrives (<see cref="Archive.Archived"/>). Null when never archived.
    /// </summary>
    public long? ArchivedSeq { get; set; }
}

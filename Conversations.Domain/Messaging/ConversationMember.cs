namespace Conversations.Domain.Messaging;

/// <summary>One participant of a conversation, with how far they have read.</summary>
public class ConversationMember
{
    public Guid ConversationId { get; set; }

    public Guid ParticipantId { get; set; }

    /// <summary>Messages with a higher sequence number are unread for this participant.</summary>
    public long LastReadSeq { get; set; }
}

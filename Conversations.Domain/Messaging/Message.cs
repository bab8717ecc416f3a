namespace Conversations.Domain.Messaging;

/// <summary>An immutable message: written once, never edited or deleted.</summary>
public class Message
{
    public long Id { get; set; }

    public Guid ConversationId { get; set; }

    public long Seq { get; set; }

    public Guid SenderId { get; set; }

    public string Body { get; set; } = "";

    public DateTimeOffset SentAt { get; set; }

    /// <summary>Chosen by the sender's client for each message it composes, so a retry or double-click sends once.</summary>
    public Guid? ClientToken { get; set; }
}

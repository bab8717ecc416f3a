namespace Conversations.Domain.Messaging;

/// <summary>An immutable message: written once, never edited or deleted.</summary>
public class Message
{
    public long Id { get; set; }

    public Guid ConversationId { get; set; }

    public long Seq { get; set; }

    /// <summary>The participant in whose name the message was sent: a person, or a group.</summary>
    public Guid SenderId { get; set; }

    /// <summary>For a message sent in a group's name, the manager who wrote it; null otherwise.</summary>
    public Guid? AuthorId { get; set; }

    public string Body { get; set; } = "";

    public DateTimeOffset SentAt { get; set; }

    /// <summary>Chosen by the sender's client for each message it composes, so a retry or double-click sends once.</summary>
    public Guid? ClientToken { get; set; }

    /// <summary>The writer's language when they wrote it: the one its words are searched in (<see cref="SearchText"/>).</summary>
    public string? SearchLanguage { get; set; }

    /// <summary>The words of <see cref="Body"/> as <see cref="SearchText"/> indexes them: computed and stored by PostgreSQL.</summary>
    public NpgsqlTypes.NpgsqlTsVector? SearchVector { get; set; }
}

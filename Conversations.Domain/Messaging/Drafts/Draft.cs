using Conversations.Domain.Common;

namespace Conversations.Domain.Messaging;

/// <summary>
/// What a person has typed and not sent yet, in one place — a conversation, or a new conversation with a set of
/// recipients — as themselves or for a group they manage: kept on the server so that no lost connection, reload or
/// change of device loses a word.
/// </summary>
public class Draft
{
    /// <summary>The person who typed it (whose account it goes with: erased with it, in their data export).</summary>
    public Guid PersonId { get; set; }

    /// <summary>Whom they write as: themselves, or the group they manage.</summary>
    public Guid ParticipantId { get; set; }

    /// <summary>Where it is written (<see cref="DraftPlace.Key"/>).</summary>
    public string Place { get; set; } = "";

    public string Body { get; set; } = "";

    public DateTimeOffset SavedAt { get; set; }
}

/// <summary>Where a draft is written: a conversation's reply box, or the first message to a set of recipients.</summary>
public sealed record DraftPlace
{
    public const int MaxKeyLength = 400;

    private DraftPlace(string key, Guid? conversationId) => (Key, ConversationId) = (key, conversationId);

    public string Key { get; }

    /// <summary>The conversation whose reply box holds it; null for a new conversation.</summary>
    public Guid? ConversationId { get; }

    public static DraftPlace InConversation(ConversationId conversation) =>
        new($"c:{conversation.Value:N}", conversation.Value);

    /// <summary>A first message to these recipients (in any order): one draft per set.</summary>
    public static DraftPlace NewConversationWith(IEnumerable<Guid> recipientIds) =>
        new($"to:{Conversation.KeyOf(recipientIds)}", null);
}

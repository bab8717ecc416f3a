using Conversations.Domain.Participants;

namespace Conversations.Domain.Messaging;

public sealed record MessageView(long Id, long Seq, Guid SenderId, string Body, DateTimeOffset SentAt);

/// <summary>What the conversation page shows: everyone in it and a window of its messages, oldest first.</summary>
public sealed record ConversationView(Guid Id, IReadOnlyList<Profile> Participants, IReadOnlyList<MessageView> Messages, bool HasOlder, int UnreadBeforeOpening)
{
    public IEnumerable<Profile> OthersThan(Guid readerId) => Participants.Where(p => p.Id != readerId);
}

namespace Conversations.Domain.Messaging;

/// <summary>A fixed set of 2–10 participants and their messages. Never deleted; its set never changes.</summary>
public class Conversation
{
    public Guid Id { get; set; }

    /// <summary>The participants' ids, sorted and joined: unique, so one set has at most one conversation.</summary>
    public string ParticipantKey { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset LastActivityAt { get; set; }

    /// <summary>The sequence number of the newest message; messages are numbered 1, 2, 3… within a conversation.</summary>
    public long LastSeq { get; set; }

    public List<ConversationMember> Members { get; set; } = [];

    public static string KeyOf(IEnumerable<Guid> participantIds) =>
        string.Join(',', participantIds.Distinct().Order().Select(id => id.ToString("N")));
}

using Conversations.Domain.Common;

namespace Conversations.Domain.Messaging;

/// <summary>
/// One row of the inbox: who else is in the conversation, its last message, and what is unread; <see cref="Waiting"/> when
/// it is a request the reader sent that nobody has accepted yet; <see cref="Muted"/> when the reader muted it (its unread
/// count is shown in place, never on the badge).
/// </summary>
public sealed record InboxRow(
    Guid ConversationId,
    IReadOnlyList<Participants.Profile> Others,
    string LastMessage,
    ParticipantId LastSender,
    DateTimeOffset LastActivityAt,
    int Unread,
    bool Waiting = false,
    bool Muted = false
);

/// <summary>Where the next page starts: after this conversation in "most recently active first" order.</summary>
public sealed record InboxCursor(DateTimeOffset LastActivityAt, Guid ConversationId);

public sealed record InboxPage(IReadOnlyList<InboxRow> Rows, InboxCursor? Next);

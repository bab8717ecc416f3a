using Conversations.Domain.Common;
using Conversations.Domain.Participants;

namespace Conversations.Domain.Messaging;

/// <summary>
/// A message as the reader sees it. <see cref="SenderId"/> is a person or a group; for a group's message,
/// <see cref="Author"/> (the manager who wrote it) is told only to that group's managers.
/// </summary>
public sealed record MessageView(
    long Id,
    long Seq,
    Guid SenderId,
    string Body,
    DateTimeOffset SentAt,
    Profile? Author = null
);

/// <summary>
/// What the conversation page shows: everyone in it and a window of its messages, oldest first, for a reader
/// who is <see cref="Reader"/> (the person, or the group a manager reads for). <see cref="CannotReplyBecause"/> says why
/// the reader may not add to it (someone does not accept them, or everyone else is deleted); reading is never blocked.
/// <see cref="Request"/> says whether it is still a message request to the reader (answered with Accept or Decline);
/// <see cref="Muted"/> and <see cref="Archived"/> whether the reader muted it (<see cref="Telling.Heard"/>) or archived it
/// (<see cref="Archive"/>). <see cref="LastSeq"/> is the conversation's newest message, shown or not (a window around a
/// message found by a search may end before it: <see cref="HasNewer"/>).
/// </summary>
public sealed record ConversationView(
    Guid Id,
    ParticipantId Reader,
    IReadOnlyList<Profile> Participants,
    IReadOnlyList<MessageView> Messages,
    bool HasOlder,
    int UnreadBeforeOpening,
    Problem? CannotReplyBecause = null,
    MessageRequest Request = MessageRequest.None,
    bool Muted = false,
    bool Archived = false,
    long LastSeq = 0
)
{
    public IEnumerable<Profile> OthersThan(Guid readerId) => Participants.Where(p => p.Id != readerId);

    public IEnumerable<Profile> Others => OthersThan(Reader.Value);

    public bool HasNewer => Messages.Count > 0 && Messages[^1].Seq < LastSeq;
}

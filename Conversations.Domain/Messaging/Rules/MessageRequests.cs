using Conversations.Domain.Groups;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Messaging;

/// <summary>Whether a member has taken a conversation in, or it is still a message request to them.</summary>
public enum MessageRequest : short
{
    /// <summary>An ordinary conversation for this member: in the inbox, on the badge, emailed about.</summary>
    None = 0,

    /// <summary>A stranger's first message waits for this member's Accept or Decline.</summary>
    Waiting = 1,

    /// <summary>The member declined: they hear nothing more of it, and nobody may add to it for them.</summary>
    Declined = 2,
}

/// <summary>Who may write to a person (or a group): Settings → "Who can write to me".</summary>
public enum WhoMayWrite
{
    /// <summary>Anyone: a stranger's first message is an ordinary conversation.</summary>
    Anyone,

    /// <summary>Anyone, but a stranger's first message is a request (the default for new accounts and groups).</summary>
    StrangersAsRequests,

    /// <summary>Only the people and groups I follow; anyone else is refused.</summary>
    OnlyPeopleIFollow,
}

/// <summary>
/// The one home of message requests. A first message to someone is a request when they take strangers as requests and
/// the writer is a stranger to them: they (or, for a group, none of its managers) do not follow the writer, and they have
/// never been in a conversation with the writer that both took in. An administrator's message is never a request.
/// A conversation is a request to a member until they accept it; while it is one — or once they declined it — it does
/// not count for them (<see cref="Counts"/>): not in the inbox, not on the badge, never emailed. Nobody may write in a
/// conversation where everyone else has not taken it in (<see cref="Consent.WhyCannotReply"/>), so the writer of a
/// request adds nothing until one recipient accepts.
/// </summary>
public static class MessageRequests
{
    /// <summary>Whether a conversation counts for a member in this state: listed in the inbox, on the badge, emailed about.</summary>
    public static bool Counts(MessageRequest request) => request == MessageRequest.None;

    /// <summary>In SQL: the member row <paramref name="member"/> is not a request its member declined (they hear nothing more of it; a search passes it by).</summary>
    internal static string NotDeclinedSql(string member) =>
        $"""{member}."Request" <> {(short)MessageRequest.Declined}""";

    /// <summary><see cref="Counts"/> for the member row <paramref name="member"/>, in SQL.</summary>
    internal static string CountsSql(string member) => $"""{member}."Request" = 0""";

    /// <summary>The member row <paramref name="member"/> is a request waiting for an answer, in SQL.</summary>
    internal static string WaitingSql(string member) => $"""{member}."Request" = {(short)MessageRequest.Waiting}""";

    /// <summary>How many requests wait for <paramref name="participant"/>, through their own small index.</summary>
    internal static string WaitingCountSql(string participant) =>
        $"""(SELECT count(*) FROM "ConversationMembers" w WHERE w."ParticipantId" = {participant} AND {WaitingSql("w")})""";

    /// <summary>The member row <paramref name="member"/> is in the state bound as <paramref name="state"/> (a smallint), in SQL.</summary>
    internal static string InStateSql(string member, string state) => $"""{member}."Request" = {state}""";

    /// <summary>
    /// In SQL, for the member row <paramref name="member"/> of the participant <paramref name="owner"/>: the conversation
    /// is a request they sent that waits — nobody else has taken it in, and someone has yet to answer (a conversation
    /// everyone declined does not wait: it is refused, and says so as any refusal does).
    /// </summary>
    /// A request that waits holds its first message only (nobody may add to it), so only such rows look at the others.
    internal static string AwaitedSql(string member, string owner) =>
        $"""
            ({member}."LastSeq" = 1
             AND (SELECT bool_and(o."Request" <> {(short)MessageRequest.None}) AND bool_or(o."Request" = {(short)
                MessageRequest.Waiting})
                    FROM "ConversationMembers" o WHERE o."ConversationId" = {member}."ConversationId" AND o."ParticipantId" <> {owner}))
            """;

    /// <summary>The setting as the two columns hold it.</summary>
    public static WhoMayWrite Setting(bool acceptsFromAnyone, bool strangersAsRequests) =>
        !acceptsFromAnyone ? WhoMayWrite.OnlyPeopleIFollow
        : strangersAsRequests ? WhoMayWrite.StrangersAsRequests
        : WhoMayWrite.Anyone;

    /// <summary>
    /// Of these recipients of a first message from <paramref name="sender"/>, those to whom it is a request (see the class).
    /// </summary>
    internal static async Task<HashSet<Guid>> RequestedOfAsync(
        ConversationsDbContext db,
        Actor sender,
        IReadOnlyCollection<Guid> recipientIds,
        CancellationToken cancellationToken
    )
    {
        if (await Moderation.Administrators.IsAsync(db, sender.PersonId, cancellationToken))
        {
            return [];
        }

        var ids = recipientIds.ToArray();
        var writer = sender.ParticipantId;
        var managers = Managers.Rows(db);
        var requested = await db
            .Participants.AsNoTracking()
            .Where(p => ids.Contains(p.Id) && p.AcceptsMessagesFromAnyone && p.StrangersAsRequests)
            .Where(p =>
                !db.Follows.Any(f =>
                    f.FollowedId == writer
                    && (
                        f.FollowerId == p.Id
                        || (p.IsGroup && managers.Any(m => m.GroupId == p.Id && m.MemberId == f.FollowerId))
                    )
                )
            )
            .Where(p => !(p.IsGroup && managers.Any(m => m.GroupId == p.Id && m.MemberId == sender.PersonId)))
            .Where(p =>
                !db.ConversationMembers.Any(theirs =>
                    theirs.ParticipantId == p.Id
                    && theirs.Request == MessageRequest.None
                    && db.ConversationMembers.Any(mine =>
                        mine.ConversationId == theirs.ConversationId
                        && mine.ParticipantId == writer
                        && mine.Request == MessageRequest.None
                    )
                )
            )
            .Select(p => p.Id)
            .ToListAsync(cancellationToken);
        return [.. requested];
    }
}

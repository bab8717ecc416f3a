using Conversations.Domain.Common;
using Conversations.Domain.Groups;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Messaging;

/// <summary>Another participant of a conversation, as far as the writer's right to reply goes.</summary>
public sealed record OtherParticipant(
    string DisplayName,
    bool Deleted,
    bool Refuses,
    bool Blocked = false,
    MessageRequest Request = MessageRequest.None
);

/// <summary>
/// One participant who will not take messages from the sender — or whom nobody may write to, blocked on the platform —
/// and how to say so.
/// </summary>
public sealed record Refusal(Guid ParticipantId, string DisplayName, bool BlockedOnThePlatform = false)
{
    public NotAllowed Problem =>
        BlockedOnThePlatform
            ? new NotAllowed(ProblemCodes.PlatformBlockedParticipant, DisplayName)
            : Consent.NotAccepting([DisplayName]);
}

/// <summary>
/// Who accepts messages from whom. A person behind a group is still that person: a block holds between the people on
/// either side — the recipient, or a group's managers when the recipient is a group, against the sender, or a group's
/// managers when the sender is a group (so a block of mallory holds for every group mallory manages, whoever writes in
/// its name, and for every group the blocker manages) — and a block of a group holds against the group itself. A person
/// also refuses strangers once they turned off "allow anyone" (they accept whom they follow). A deleted account refuses
/// nobody: it is never written to. A blocked sender is told the same as one who is not followed: blocking stays private.
/// </summary>
internal static class Consent
{
    public static async Task<List<Refusal>> RefusalsAsync(
        ConversationsDbContext db,
        Guid senderId,
        IReadOnlyCollection<Guid> otherIds,
        CancellationToken cancellationToken
    )
    {
        var ids = otherIds.ToArray();
        var managers = Managers.Rows(db);
        var refusing = await db
            .Participants.AsNoTracking()
            .Where(p =>
                ids.Contains(p.Id)
                && p.DeletedAt == null
                && (
                    db.Blocks.Any(b =>
                        (
                            b.BlockerId == p.Id
                            || (p.IsGroup && managers.Any(m => m.GroupId == p.Id && m.MemberId == b.BlockerId))
                        )
                        && (
                            b.BlockedId == senderId
                            || managers.Any(m => m.GroupId == senderId && m.MemberId == b.BlockedId)
                        )
                    )
                    || (
                        !p.IsGroup
                        && !p.AcceptsMessagesFromAnyone
                        && !db.Follows.Any(f => f.FollowerId == p.Id && f.FollowedId == senderId)
                    )
                )
            )
            .Select(p => new { p.Id, p.DisplayName })
            .ToListAsync(cancellationToken);
        return refusing.OrderBy(r => r.DisplayName).Select(r => new Refusal(r.Id, r.DisplayName)).ToList();
    }

    /// <summary>"Alice does not accept messages from you", or for several, "Alice, Bob: they do not accept …".</summary>
    public static NotAllowed NotAccepting(IReadOnlyList<string> names) =>
        names.Count == 1
            ? new NotAllowed(ProblemCodes.NotAccepting, names[0])
            : new NotAllowed(ProblemCodes.NotAcceptingMany, string.Join(", ", names));

    public static NotAllowed ReadOnly => new(ProblemCodes.ReadOnly);

    /// <summary>
    /// The one answer to "why can this person not write here now", from the other participants as the reply check and
    /// the conversation page both read them: read-only when all of them are deleted, or when one of them is blocked on
    /// the platform (nobody writes to a blocked person; the conversation stays readable), else who does not accept the
    /// writer; null when they may write.
    /// </summary>
    /// A conversation that is still a request to the writer (<paramref name="mine"/>) is answered by accepting it; where no
    /// one else has taken it in, its writer waits for them (<see cref="MessageRequests"/>) — and hears of a decline only
    /// what any refusal says.
    public static NotAllowed? WhyCannotReply(
        IReadOnlyCollection<OtherParticipant> others,
        MessageRequest mine = MessageRequest.None
    ) =>
        !MessageRequests.Counts(mine) ? new NotAllowed(ProblemCodes.RequestToAnswer)
        : others.All(o => o.Deleted) ? ReadOnly
        : others.Any(o => o.Blocked && !o.Deleted)
            ? new NotAllowed(
                ProblemCodes.PlatformBlocked,
                string.Join(", ", others.Where(o => o.Blocked && !o.Deleted).Select(o => o.DisplayName).Order())
            )
        : others.Any(o => o.Refuses)
            ? NotAccepting(others.Where(o => o.Refuses).Select(o => o.DisplayName).Order().ToList())
        : others.Any(o => !o.Deleted && MessageRequests.Counts(o.Request)) ? null
        : others.Any(o => !o.Deleted && o.Request == MessageRequest.Waiting)
            ? new NotAllowed(
                ProblemCodes.RequestWaiting,
                string.Join(
                    ", ",
                    others
                        .Where(o => !o.Deleted && o.Request == MessageRequest.Waiting)
                        .Select(o => o.DisplayName)
                        .Order()
                )
            )
        : NotAccepting(others.Where(o => !o.Deleted).Select(o => o.DisplayName).Order().ToList());

    /// <summary>
    /// In one query: whether the actor may write in this conversation now — "not found" unless they may see it, then
    /// read-only when everyone else is deleted, or who does not accept them.
    /// </summary>
    public static async Task<Problem?> ReplyCheckAsync(
        ConversationsDbContext db,
        Guid conversationId,
        Actor actor,
        CancellationToken cancellationToken
    )
    {
        await using var command = await ReplyCheckStatement.Instance.CommandAsync(
            db,
            new ReaderArguments(conversationId, actor),
            cancellationToken
        );
        var others = new List<OtherParticipant>();
        var mine = MessageRequest.None;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                others.Add(
                    new OtherParticipant(
                        reader.Get<string>("DisplayName"),
                        reader.Get<bool>("Deleted"),
                        reader.Get<bool>("Refuses"),
                        reader.Get<bool>("Blocked"),
                        (MessageRequest)reader.Get<short>("Request")
                    )
                );
                mine = (MessageRequest)reader.Get<short>("MyRequest");
            }
        }

        if (others.Count == 0)
        {
            return Access.ConversationNotFound; // a conversation always has someone else: the actor may not see it
        }

        return await Moderation.PlatformBlock.ActingForBlockedGroupAsync(db, actor, cancellationToken)
            ?? WhyCannotReply(others, mine);
    }
}

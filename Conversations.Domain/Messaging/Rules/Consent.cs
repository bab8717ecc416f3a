using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Messaging;

/// <summary>Another participant of a conversation, as far as the writer's right to reply goes.</summary>
public sealed record OtherParticipant(string DisplayName, bool Deleted, bool Refuses, bool Blocked = false);

/// <summary>
/// One participant who will not take messages from the sender — or whom nobody may write to, blocked on the platform —
/// and how to say so.
/// </summary>
public sealed record Refusal(Guid ParticipantId, string DisplayName, bool BlockedOnThePlatform = false)
{
    public NotAllowed Problem => BlockedOnThePlatform ? new NotAllowed(ProblemCodes.PlatformBlocked, DisplayName) : Consent.NotAccepting([DisplayName]);
}

/// <summary>
/// Who accepts messages from whom. A person accepts the sender unless they blocked the sender, or they turned off
/// "allow anyone" and do not follow the sender. Groups accept everyone; a group sender is judged as the group.
/// A blocked sender is told the same as one who is not followed: blocking stays private.
/// </summary>
internal static class Consent
{
    public static async Task<List<Refusal>> RefusalsAsync(ConversationsDbContext db, Guid senderId, IReadOnlyCollection<Guid> otherIds, CancellationToken cancellationToken)
    {
        var ids = otherIds.ToArray();
        var refusing = await db.Participants.AsNoTracking()
            .Where(p => ids.Contains(p.Id) && !p.IsGroup && p.DeletedAt == null
                && (db.Blocks.Any(b => b.BlockerId == p.Id && b.BlockedId == senderId)
                    || (!p.AcceptsMessagesFromAnyone && !db.Follows.Any(f => f.FollowerId == p.Id && f.FollowedId == senderId))))
            .Select(p => new { p.Id, p.DisplayName })
            .ToListAsync(cancellationToken);
        return refusing.OrderBy(r => r.DisplayName).Select(r => new Refusal(r.Id, r.DisplayName)).ToList();
    }

    /// <summary>"Alice does not accept messages from you", or for several, "Alice, Bob: they do not accept …".</summary>
    public static NotAllowed NotAccepting(IReadOnlyList<string> names) => names.Count == 1
        ? new NotAllowed(ProblemCodes.NotAccepting, names[0])
        : new NotAllowed(ProblemCodes.NotAcceptingMany, string.Join(", ", names));

    public static NotAllowed ReadOnly => new(ProblemCodes.ReadOnly);

    /// <summary>
    /// The one answer to "why can this person not write here now", from the other participants as the reply check and
    /// the conversation page both read them: read-only when all of them are deleted, or when one of them is blocked on
    /// the platform (nobody writes to a blocked person; the conversation stays readable), else who does not accept the
    /// writer; null when they may write.
    /// </summary>
    public static NotAllowed? WhyCannotReply(IReadOnlyCollection<OtherParticipant> others) =>
        others.All(o => o.Deleted) ? ReadOnly
        : others.Any(o => o.Blocked && !o.Deleted) ? new NotAllowed(ProblemCodes.PlatformBlocked, string.Join(", ", others.Where(o => o.Blocked && !o.Deleted).Select(o => o.DisplayName).Order()))
        : others.Any(o => o.Refuses) ? NotAccepting(others.Where(o => o.Refuses).Select(o => o.DisplayName).Order().ToList())
        : null;

    /// <summary>
    /// In one query: whether the actor may write in this conversation now — "not found" unless they may see it, then
    /// read-only when everyone else is deleted, or who does not accept them.
    /// </summary>
    public static async Task<Problem?> ReplyCheckAsync(ConversationsDbContext db, Guid conversationId, Actor actor, CancellationToken cancellationToken)
    {
        await using var command = await ReplyCheckStatement.Instance.CommandAsync(db, new ReaderArguments(conversationId, actor), cancellationToken);
        var others = new List<OtherParticipant>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                others.Add(new OtherParticipant(reader.Get<string>("DisplayName"), reader.Get<bool>("Deleted"), reader.Get<bool>("Refuses"), reader.Get<bool>("Blocked")));
            }
        }

        if (others.Count == 0)
        {
            return Access.ConversationNotFound; // a conversation always has someone else: the actor may not see it
        }

        return WhyCannotReply(others);
    }
}

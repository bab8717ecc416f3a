using Conversations.Domain.Common;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Messaging;

/// <summary>One participant who will not take messages from the sender, and how to say so.</summary>
public sealed record Refusal(Guid ParticipantId, string Message);

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
        return refusing.OrderBy(r => r.DisplayName).Select(r => new Refusal(r.Id, NotAccepting(r.DisplayName))).ToList();
    }

    public static string NotAccepting(string name) => $"{name} does not accept messages from you.";

    public const string ReadOnly = "Everyone else in this conversation has deleted their account, so it is read-only.";

    /// <summary>Whether the sender may add a message to this conversation now; the reason when not.</summary>
    public static async Task<Problem?> ReplyProblemAsync(ConversationsDbContext db, Guid conversationId, Guid senderId, CancellationToken cancellationToken)
    {
        var others = await db.ConversationMembers.Where(m => m.ConversationId == conversationId && m.ParticipantId != senderId)
            .Join(db.Participants, m => m.ParticipantId, p => p.Id, (m, p) => new { p.Id, Deleted = p.DeletedAt != null })
            .ToListAsync(cancellationToken);
        if (others.All(o => o.Deleted))
        {
            return new NotAllowed(ReadOnly);
        }

        var refusals = await RefusalsAsync(db, senderId, others.Where(o => !o.Deleted).Select(o => o.Id).ToList(), cancellationToken);
        return refusals.Count == 0 ? null : new NotAllowed(string.Join(" ", refusals.Select(r => r.Message)));
    }
}

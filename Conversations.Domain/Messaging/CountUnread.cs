using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Messaging;

/// <summary>
/// The participant's unread messages over all their conversations. Every message after a participant's read
/// position is someone else's (sending moves your own position), so each conversation's count is a subtraction.
/// </summary>
public sealed class CountUnread(IDbContextFactory<ConversationsDbContext> contexts)
{
    public async Task<int> HandleAsync(Guid readerId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var total = await db.ConversationMembers.Where(m => m.ParticipantId == readerId)
            .Join(db.Conversations, m => m.ConversationId, c => c.Id, (m, c) => c.LastSeq - m.LastReadSeq)
            .SumAsync(cancellationToken);
        return (int)Math.Min(total, int.MaxValue);
    }
}

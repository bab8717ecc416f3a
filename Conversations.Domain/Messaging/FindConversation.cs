using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Messaging;

/// <summary>The conversation between the asker and exactly these others, if there is one.</summary>
public sealed class FindConversation(IDbContextFactory<ConversationsDbContext> contexts)
{
    public async Task<Guid?> HandleAsync(Guid askerId, IReadOnlyCollection<Guid> otherIds, CancellationToken cancellationToken = default)
    {
        if (otherIds.Count == 0 || otherIds.Contains(askerId))
        {
            return null;
        }

        var key = Conversation.KeyOf(otherIds.Append(askerId));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var id = await db.Conversations.Where(c => c.ParticipantKey == key).Select(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        return id == Guid.Empty ? null : id;
    }
}

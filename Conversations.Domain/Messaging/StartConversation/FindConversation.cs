using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Messaging;

/// <summary>The conversation between the asker (a person, or a group they manage) and exactly these others, if there is one.</summary>
public sealed class FindConversation(IDbContextFactory<ConversationsDbContext> contexts)
{
    public async Task<Guid?> HandleAsync(
        Actor asker,
        IReadOnlyCollection<Guid> otherIds,
        CancellationToken cancellationToken = default
    )
    {
        if (otherIds.Count == 0 || otherIds.Contains(asker.ParticipantId))
        {
            return null;
        }

        var key = Conversation.KeyOf(otherIds.Append(asker.ParticipantId));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await Access.CanActAsync(db, asker, cancellationToken))
        {
            return null;
        }

        var id = await db
            .Conversations.Where(c => c.ParticipantKey == key)
            .Select(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return id == Guid.Empty ? null : id;
    }
}

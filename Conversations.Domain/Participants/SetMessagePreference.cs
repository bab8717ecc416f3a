using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Participants;

/// <summary>"Allow anyone to send me a direct message, even if I do not follow them": on, or only people (and groups) I follow.</summary>
public sealed class SetMessagePreference(IDbContextFactory<ConversationsDbContext> contexts)
{
    public async Task<Result<bool>> HandleAsync(Guid personId, bool acceptFromAnyone, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changed = await LivePerson.All(db).Where(p => p.Id == personId)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.AcceptsMessagesFromAnyone, acceptFromAnyone), cancellationToken);
        return changed == 1 ? acceptFromAnyone : LivePerson.AccountGone;
    }

    public async Task<bool> CurrentAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Participants.Where(p => p.Id == personId).Select(p => p.AcceptsMessagesFromAnyone).FirstOrDefaultAsync(cancellationToken);
    }
}

using Conversations.Domain.Common;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Email;

/// <summary>"Email me about new messages": on (the default) or off — from Settings, or from an email's unsubscribe link.</summary>
public sealed class SetEmailPreference(IDbContextFactory<ConversationsDbContext> contexts)
{
    public async Task<Result<bool>> HandleAsync(
        Guid personId,
        bool emailAboutMessages,
        CancellationToken cancellationToken = default
    )
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changed = await LivePerson
            .All(db)
            .Where(p => p.Id == personId)
            .ExecuteUpdateAsync(
                set => set.SetProperty(p => p.EmailAboutMessages, emailAboutMessages),
                cancellationToken
            );
        return changed == 1 ? emailAboutMessages : LivePerson.AccountGone;
    }

    public async Task<bool> CurrentAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db
            .Participants.Where(p => p.Id == personId)
            .Select(p => p.EmailAboutMessages)
            .FirstOrDefaultAsync(cancellationToken);
    }
}

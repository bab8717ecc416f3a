using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Persistence;

/// <summary>Brings a database to the current schema.</summary>
public sealed class Database(IDbContextFactory<ConversationsDbContext> contexts)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }
}

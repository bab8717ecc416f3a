using System.Linq.Expressions;
using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Participants;

/// <summary>
/// One column of a person's own settings (time zone, language): read for a live person, and changed as one of their
/// rate-limited changes (<see cref="RateLimitOptions.ChangesPerMinute"/>), a gone account told so.
/// </summary>
internal static class PersonalSetting
{
    public static async Task<T?> GetAsync<T>(
        IDbContextFactory<ConversationsDbContext> contexts,
        Guid personId,
        Expression<Func<Participant, T>> setting,
        CancellationToken cancellationToken
    )
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await LivePerson
            .All(db)
            .Where(p => p.Id == personId)
            .Select(setting)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <param name="value">Already checked by the setting's own rule.</param>
    public static async Task<Result<T>> ChangeAsync<T>(
        IDbContextFactory<ConversationsDbContext> contexts,
        RateLimitOptions limits,
        Guid personId,
        Expression<Func<Participant, T>> setting,
        T value,
        CancellationToken cancellationToken
    )
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await LivePerson.ExistsAsync(db, personId, cancellationToken))
        {
            return LivePerson.AccountGone;
        }

        if (await RateLimiter.TakeChangeAsync(db, limits, personId, cancellationToken) is { } tooOften)
        {
            return tooOften;
        }

        await db
            .Participants.Where(p => p.Id == personId)
            .ExecuteUpdateAsync(set => set.SetProperty(setting, value), cancellationToken);
        return value;
    }
}

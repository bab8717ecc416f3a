using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Participants;

/// <summary>
/// Settings → "Who can write to me": anyone; anyone, with strangers' first messages as requests (see
/// <see cref="MessageRequests"/>); or only the people and groups the person follows.
/// </summary>
public sealed class SetMessagePreference(IDbContextFactory<ConversationsDbContext> contexts)
{
    public Task<Result<WhoMayWrite>> HandleAsync(
        Guid personId,
        WhoMayWrite who,
        CancellationToken cancellationToken = default
    ) => HandleAsync(Actor.Person(personId), who, cancellationToken);

    /// <summary>For a person, or by a manager for their group (its requests go to its managers).</summary>
    public async Task<Result<WhoMayWrite>> HandleAsync(
        Actor actor,
        WhoMayWrite who,
        CancellationToken cancellationToken = default
    )
    {
        if (!Enum.IsDefined(who))
        {
            return new Invalid("WhoMayWrite", ProblemCodes.WhoMayWriteUnknown);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (actor.ForGroup && !await Access.CanActAsync(db, actor, cancellationToken))
        {
            return Groups.GroupGate.GroupNotFound;
        }

        var changed = await (actor.ForGroup ? db.Participants.Where(p => p.IsGroup) : LivePerson.All(db))
            .Where(p => p.Id == actor.ParticipantId)
            .ExecuteUpdateAsync(
                set =>
                    set.SetProperty(p => p.AcceptsMessagesFromAnyone, who != WhoMayWrite.OnlyPeopleIFollow)
                        .SetProperty(p => p.StrangersAsRequests, who == WhoMayWrite.StrangersAsRequests),
                cancellationToken
            );
        return changed == 1 ? who
            : actor.ForGroup ? Groups.GroupGate.GroupNotFound
            : LivePerson.AccountGone;
    }

    public async Task<WhoMayWrite> CurrentAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db
            .Participants.Where(p => p.Id == personId)
            .Select(p => new { p.AcceptsMessagesFromAnyone, p.StrangersAsRequests })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null
            ? WhoMayWrite.Anyone
            : MessageRequests.Setting(row.AcceptsMessagesFromAnyone, row.StrangersAsRequests);
    }
}

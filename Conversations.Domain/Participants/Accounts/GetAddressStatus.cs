using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Participants;

/// <summary>A person's email address and whether it is confirmed (<see cref="ConfirmedAddress"/>): only for themselves.</summary>
public sealed record AddressStatus(string Email, bool Confirmed);

public sealed class GetAddressStatus(IDbContextFactory<ConversationsDbContext> contexts)
{
    /// <summary>Null when the account does not exist (any more).</summary>
    public async Task<AddressStatus?> HandleAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await LivePerson
            .All(db)
            .Where(p => p.Id == personId && p.Email != null)
            .Select(p => new AddressStatus(
                p.Email!,
                db.Participants.Where(ConfirmedAddress.Rule).Any(c => c.Id == p.Id)
            ))
            .SingleOrDefaultAsync(cancellationToken);
    }
}

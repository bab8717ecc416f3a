using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Participants;

/// <summary>
/// The link sent to a new address: the account now signs in with it, is mailed at it, and it is confirmed. The account's
/// security stamp changes, so its other sessions end and the link works once.
/// </summary>
public sealed class ConfirmAddressChange(UserManager<Participant> users, ConversationsDbContext db)
{
    public async Task<Result<Participant>> HandleAsync(
        string? userId,
        string? newAddress,
        string? code,
        CancellationToken cancellationToken = default
    )
    {
        var token = Email.LinkEmails.Token(code);
        var person = Guid.TryParse(userId, out var id) ? await users.FindByIdAsync(id.ToString()) : null;
        if (token is null || string.IsNullOrWhiteSpace(newAddress) || !LivePerson.Is(person))
        {
            return new Invalid("", ProblemCodes.ChangeLinkNotValid);
        }

        return await ChangeAsync(users, db, person, newAddress, token);
    }

    /// <summary>Email and user name (the sign-in name is the address) change together, or neither does.</summary>
    internal static async Task<Result<Participant>> ChangeAsync(
        UserManager<Participant> users,
        ConversationsDbContext db,
        Participant person,
        string address,
        string token
    )
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        try
        {
            var changed = await users.ChangeEmailAsync(person, address, token);
            if (!changed.Succeeded)
            {
                return changed.Errors.Any(e =>
                    e.Code
                        is nameof(IdentityErrorDescriber.DuplicateEmail)
                            or nameof(IdentityErrorDescriber.DuplicateUserName)
                )
                    ? new Invalid("", ProblemCodes.ChangeAddressTaken)
                    : new Invalid("", ProblemCodes.ChangeLinkNotValid);
            }

            var renamed = await users.SetUserNameAsync(person, address);
            if (!renamed.Succeeded)
            {
                return new Invalid("", ProblemCodes.ChangeAddressTaken);
            }
        }
        catch (DbUpdateException exception) when (UniqueViolation.ConstraintOf(exception) is not null)
        {
            return new Invalid("", ProblemCodes.ChangeAddressTaken); // another account took the address between the link and now
        }

        await Realtime.SessionWatch.PublishAsync(db, person.Id, CancellationToken.None); // other sessions' pages check their stamp now
        await transaction.CommitAsync();
        return person;
    }
}

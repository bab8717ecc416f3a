using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Participants;

/// <summary>
/// A new password from a reset link: refused, in plain words, when the link is not valid (any more) or the password too
/// weak. A new password ends every session of the account, with their open pages and hub connections, at once.
/// </summary>
public sealed class ResetPassword(
    UserManager<Participant> users,
    IDbContextFactory<ConversationsDbContext> contexts,
    TimeProvider time
)
{
    public async Task<Result<bool>> HandleAsync(
        string? email,
        string? code,
        string password,
        CancellationToken cancellationToken = default
    )
    {
        var person = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email);
        if (Email.LinkEmails.Token(code) is not { } token || !LivePerson.Is(person))
        {
            return new Invalid("", ProblemCodes.ResetLinkNotValid);
        }

        var result = await users.ResetPasswordAsync(person, token, password);
        if (result.Succeeded)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await SignInSessions.EndAllAsync(db, person.Id, time.GetUtcNow(), cancellationToken);
            return true;
        }

        return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
            ? new Invalid("", ProblemCodes.ResetLinkNotValid)
            : new Invalid(IdentityErrors.ToFieldErrors(result.Errors));
    }
}

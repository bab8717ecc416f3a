using Conversations.Domain.Common;
using Microsoft.AspNetCore.Identity;

namespace Conversations.Domain.Participants;

/// <summary>
/// Where a signed-in person confirms an action with their password (deleting the account, changing its address),
/// wrong tries count toward Identity's lockout: after <c>Lockout.MaxFailedAccessAttempts</c> (5) in a row those actions
/// wait <c>Lockout.DefaultLockoutTimeSpan</c> (5 minutes), so a borrowed session cannot guess the password there.
/// Signing in ignores this lock (anyone could lock anyone out at the door; it slows down by client address instead).
/// </summary>
internal static class PasswordTries
{
    public static async Task<Problem?> CheckAsync(
        UserManager<Participant> users,
        Participant person,
        string? password,
        TimeProvider time
    )
    {
        if (await users.GetLockoutEndDateAsync(person) is { } end && end > time.GetUtcNow())
        {
            return new TooManyPasswordTries(end - time.GetUtcNow());
        }

        if (!string.IsNullOrEmpty(password) && await users.CheckPasswordAsync(person, password))
        {
            if (await users.GetAccessFailedCountAsync(person) > 0)
            {
                await users.ResetAccessFailedCountAsync(person);
            }

            return null;
        }

        await users.AccessFailedAsync(person);
        return new Invalid("Password", ProblemCodes.PasswordWrong);
    }
}

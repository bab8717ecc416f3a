using Conversations.Domain.Participants;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Conversations.Web.Components.Account;

/// <summary>
/// Signing in with an address that has no account costs what a wrong password on a real one costs — a password hash
/// is checked either way — so the time of the answer does not tell which addresses have accounts (49 ms against 4 ms
/// before). Failures never lock an account (anyone could lock anyone out): the door slows down by client address
/// instead (<c>RateLimits:AccountFormsPerMinute</c>).
/// </summary>
internal sealed class EvenSignInManager(
    UserManager<Participant> users,
    IHttpContextAccessor context,
    IUserClaimsPrincipalFactory<Participant> claims,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<Participant>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<Participant> confirmation
) : SignInManager<Participant>(users, context, claims, options, logger, schemes, confirmation)
{
    private static readonly Lazy<string> NobodysHash = new(() =>
        new PasswordHasher<Participant>().HashPassword(new Participant(), Guid.NewGuid().ToString())
    );

    public override async Task<SignInResult> PasswordSignInAsync(
        string userName,
        string password,
        bool isPersistent,
        bool lockoutOnFailure
    )
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            _ = UserManager.PasswordHasher.VerifyHashedPassword(new Participant(), NobodysHash.Value, password);
            return SignInResult.Failed;
        }

        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure: false);
    }

    /// <summary>
    /// The lock that wrong passwords on the delete and change-address forms set (<c>PasswordTries</c>) holds those forms
    /// only: whoever guessed there must not lock the owner out of signing in.
    /// </summary>
    protected override Task<bool> IsLockedOut(Participant user) => Task.FromResult(false);

    /// <summary>A person blocked on the platform cannot sign in (the log-in page says why); nor can a deleted account.</summary>
    public override async Task<bool> CanSignInAsync(Participant user) =>
        LivePerson.Is(user) && await base.CanSignInAsync(user);
}

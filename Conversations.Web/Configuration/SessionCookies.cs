using System.Security.Claims;
using Conversations.Domain.Common;
using Conversations.Domain.Participants;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Conversations.Web.Configuration;

/// <summary>
/// Each sign-in cookie names a server-side session (<see cref="SignInSession"/>) and is good only while it is live:
/// logging out ends that session, so a copy of the cookie stops working at once, while the person's other devices stay
/// signed in (a new security stamp would have signed them all out). Checked on every request that carries the cookie
/// (one primary-key lookup), and every <c>Security:RevalidateEvery</c> for open circuits and hub connections.
/// </summary>
public static class SessionCookies
{
    public const string ClaimType = "conversations:session";

    public static Guid? SessionOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimType), out var id) ? id : null;

    public static Guid? PersonOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>
    /// What a live connection (a circuit, a hub connection) signed in with, to be checked while it lives; one without a
    /// session names none (<see cref="Guid.Empty"/>) and is closed at the first check.
    /// </summary>
    public static LiveSignIn? SignInOf(ClaimsPrincipal user, IdentityOptions identity) =>
        PersonOf(user) is { } person
            ? new LiveSignIn(
                new SessionId(SessionOf(user) ?? Guid.Empty),
                new PersonId(person),
                user.FindFirstValue(identity.ClaimsIdentity.SecurityStampClaimType)
            )
            : null;

    public static void AddSessionCookies(this IServiceCollection services)
    {
        services.ConfigureApplicationCookie(options =>
        {
            var validateStamp = options.Events.OnValidatePrincipal;
            options.Events.OnSigningIn = async context =>
            {
                if (
                    context.Principal is not { } principal
                    || PersonOf(principal) is not { } person
                    || SessionOf(principal) is not null
                )
                {
                    return;
                }

                // Signing in again on a device that is signed in as the same person (a refreshed sign-in) keeps its session.
                var sessions = context.HttpContext.RequestServices.GetRequiredService<SignInSessions>();
                var current = PersonOf(context.HttpContext.User) == person ? SessionOf(context.HttpContext.User) : null;
                var session = current ?? await sessions.StartAsync(person);
                ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(ClaimType, session.ToString()));
            };
            options.Events.OnValidatePrincipal = async context =>
            {
                await validateStamp(context);
                if (context.Principal is not { } principal)
                {
                    return;
                }

                var sessions = context.HttpContext.RequestServices.GetRequiredService<SignInSessions>();
                if (
                    SessionOf(principal) is not { } session
                    || PersonOf(principal) is not { } person
                    || !await sessions.IsLiveAsync(new SessionId(session), new PersonId(person))
                )
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                }
            };
        });

        // The security stamp's periodic check rebuilds the principal: it keeps its session.
        services.Configure<SecurityStampValidatorOptions>(options =>
            options.OnRefreshingPrincipal = context =>
            {
                if (
                    context.CurrentPrincipal is { } current
                    && SessionOf(current) is { } session
                    && context.NewPrincipal?.Identity is ClaimsIdentity identity
                )
                {
                    identity.AddClaim(new Claim(ClaimType, session.ToString()));
                }

                return Task.CompletedTask;
            }
        );
    }
}

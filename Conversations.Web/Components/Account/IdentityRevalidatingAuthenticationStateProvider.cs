using System.Security.Claims;
using Conversations.Domain.Participants;
using Conversations.Web.Configuration;
using Conversations.Web.Live;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Conversations.Web.Components.Account;

/// <summary>
/// Re-checks a connected circuit's sign-in every <c>Security:RevalidateEvery</c> (a minute): its security stamp, so a
/// deleted account or a changed password ends its other sessions, and its session, so a device that logged out (or a
/// copy of its cookie) loses its circuits too. The domain already refuses everything a deleted account asks meanwhile.
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IOptions<IdentityOptions> options,
    IOptions<SecurityStampValidatorOptions> stampOptions,
    SignInSessions sessions
) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    private readonly ILogger logger = loggerFactory.CreateLogger<IdentityRevalidatingAuthenticationStateProvider>();

    protected override TimeSpan RevalidationInterval => HubSessions.Every(stampOptions.Value);

    /// <summary>
    /// Checks the circuit's sign-in now (news from <see cref="Conversations.Domain.Realtime.SessionWatch"/>) rather than at the
    /// next interval; when it is over the circuit becomes anonymous, and its page sends the browser to log in.
    /// </summary>
    public async Task RevalidateNowAsync(CancellationToken cancellationToken = default)
    {
        var state = await GetAuthenticationStateAsync();
        if (
            state.User.Identity?.IsAuthenticated == true
            && !await ValidateAuthenticationStateAsync(state, cancellationToken)
        )
        {
            NotifyAuthenticationStateChanged(
                Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())))
            );
        }
    }

    /// <remarks>
    /// The same check as the hub's connections get (<see cref="SignInSessions.EndedAmongAsync"/>): one query. A check that
    /// could not be made (the database busy or away: the pool's wait ran out, a timeout) says nothing about the sign-in,
    /// and the framework would take its failure for "signed out": under a load that exhausted the pool, the bench saw
    /// 5,436 circuits sent to the log-in page at once. Such a circuit stays signed in until the next check.
    /// </remarks>
    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState,
        CancellationToken cancellationToken
    )
    {
        if (SessionCookies.SignInOf(authenticationState.User, options.Value) is not { } signIn)
        {
            return false;
        }

        try
        {
            return (await sessions.EndedAmongAsync([signIn], cancellationToken)).Count == 0;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && CouldNotCheck(exception))
        {
            logger.LogWarning(exception, "The sign-in of a circuit could not be checked; it is checked again later");
            return true;
        }
    }

    private static bool CouldNotCheck(Exception exception) =>
        exception is NpgsqlException or TimeoutException
        || (exception.InnerException is { } inner && CouldNotCheck(inner));
}

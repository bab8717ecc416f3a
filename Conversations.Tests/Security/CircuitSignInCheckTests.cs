using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using Conversations.Domain;
using Conversations.Domain.Participants;
using Conversations.Tests.Support;
using Conversations.Web.Components.Account;
using Conversations.Web.Configuration;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Tests.Security;

/// <summary>
/// An open circuit's sign-in is checked again and again. A check that says the session is over signs the circuit out;
/// a check that could not be made (the database busy, its pool's wait run out, or away) must not: under load that
/// would send every open page to the log-in form at once.
/// </summary>
public class CircuitSignInCheckTests(DomainFixture database) : IClassFixture<DomainFixture>
{
    [Fact]
    public async Task A_circuit_whose_sign_in_cannot_be_checked_because_the_database_is_away_stays_signed_in()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddConversationsDomain(
            $"Host=127.0.0.1;Port={RefusedPort()};Username=postgres;Database=away;Timeout=5"
        );
        await using var away = services.BuildServiceProvider();

        var (signedOut, state) = await CheckAsync(away);

        signedOut.Should().BeFalse("nothing says the sign-in is over");
        state.User.Identity!.IsAuthenticated.Should().BeTrue();
    }

    [Fact]
    public async Task A_circuit_whose_session_the_database_does_not_hold_is_signed_out()
    {
        var (signedOut, state) = await CheckAsync(database.Services);

        signedOut.Should().BeTrue();
        state.User.Identity!.IsAuthenticated.Should().BeFalse();
    }

    /// <summary>A circuit signed in with a session nobody started, checked now through <paramref name="services"/>' database.</summary>
    private static async Task<(bool SignedOut, AuthenticationState State)> CheckAsync(IServiceProvider services)
    {
        var identity = services.GetRequiredService<IOptions<IdentityOptions>>();
        var check = new IdentityRevalidatingAuthenticationStateProvider(
            services.GetRequiredService<ILoggerFactory>(),
            identity,
            Options.Create(new SecurityStampValidatorOptions()),
            services.GetRequiredService<SignInSessions>()
        );
        var user = new ClaimsPrincipal(
            new ClaimsIdentity(
                [
                    new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()),
                    new Claim(SessionCookies.ClaimType, Guid.NewGuid().ToString()),
                    new Claim(identity.Value.ClaimsIdentity.SecurityStampClaimType, "stamp"),
                ],
                "test"
            )
        );
        check.SetAuthenticationState(Task.FromResult(new AuthenticationState(user)));
        Task<AuthenticationState>? told = null;
        check.AuthenticationStateChanged += changed => told = changed;

        await check.RevalidateNowAsync();

        var state = await (told ?? check.GetAuthenticationStateAsync());
        ((IDisposable)check).Dispose();
        return (told is not null, state);
    }

    /// <summary>A loopback port nothing listens on: a connection to it is refused at once.</summary>
    private static int RefusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

using Conversations.Domain.Common;
using Conversations.Domain.Participants;
using Conversations.Domain.Realtime;
using Conversations.Web.Components.Account;
using Conversations.Web.Configuration;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Conversations.Web.Live;

/// <summary>
/// The signed-in circuits of this server, by person. When a person's sessions change on any server
/// (<see cref="SessionWatch"/>) each of their circuits here checks its sign-in at once, so a logged-out, deleted or
/// re-passworded session loses its open pages within a moment, not at the next minute's check. A person has at most
/// <c>Security:MaxWindowsPerPerson</c> circuits on a server: opening one more closes their oldest, which shows why.
/// </summary>
public sealed class LiveCircuits
{
    private readonly Dictionary<Guid, List<CircuitSignIn>> byPerson = [];
    private readonly Lock gate = new();
    private readonly int maxWindows;

    public LiveCircuits(SessionWatch watch, IConfiguration configuration)
    {
        maxWindows = Math.Max(1, configuration.GetValue("Security:MaxWindowsPerPerson", 10));
        watch.Changed += OnSessionsChangedAsync;
    }

    /// <summary>How many windows (circuits) one person may have open on one server.</summary>
    public int MaxWindows => maxWindows;

    internal void Opened(CircuitSignIn circuit)
    {
        CircuitSignIn? oldest = null;
        lock (gate)
        {
            if (!byPerson.TryGetValue(circuit.SignIn!.Person.Value, out var circuits))
            {
                byPerson[circuit.SignIn.Person.Value] = circuits = [];
            }

            circuits.Add(circuit);
            if (circuits.Count > maxWindows)
            {
                oldest = circuits[0];
                circuits.RemoveAt(0);
            }
        }

        oldest?.CloseForTooManyWindows();
    }

    internal void Closed(CircuitSignIn circuit)
    {
        lock (gate)
        {
            if (
                circuit.SignIn is { } signIn
                && byPerson.TryGetValue(signIn.Person.Value, out var circuits)
                && circuits.Remove(circuit)
                && circuits.Count == 0
            )
            {
                byPerson.Remove(signIn.Person.Value);
            }
        }
    }

    /// <summary>The circuits of this person open on this server now.</summary>
    public int CountOf(Guid person)
    {
        lock (gate)
        {
            return byPerson.TryGetValue(person, out var circuits) ? circuits.Count : 0;
        }
    }

    private Task OnSessionsChangedAsync(Guid? person)
    {
        if (person is not { } someone)
        {
            return Task.CompletedTask; // the relay reconnected: every circuit checks at its own interval anyway
        }

        CircuitSignIn[] circuits;
        lock (gate)
        {
            circuits = byPerson.TryGetValue(someone, out var list) ? [.. list] : [];
        }

        return Task.WhenAll(circuits.Select(c => c.RevalidateAsync()));
    }
}

/// <summary>One circuit's sign-in, known to <see cref="LiveCircuits"/> while the circuit is open.</summary>
internal sealed class CircuitSignIn(
    AuthenticationStateProvider authentication,
    NavigationManager navigation,
    LiveCircuits circuits,
    IOptions<IdentityOptions> identity,
    ILogger<CircuitSignIn> logger
) : CircuitHandler
{
    public LiveSignIn? SignIn { get; private set; }

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        SignIn = SessionCookies.SignInOf(state.User, identity.Value);
        if (SignIn is not null)
        {
            circuits.Opened(this);
        }
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        circuits.Closed(this);
        return Task.CompletedTask;
    }

    public async Task RevalidateAsync()
    {
        try
        {
            await ((IdentityRevalidatingAuthenticationStateProvider)authentication).RevalidateNowAsync();
        }
        catch (Exception exception)
        {
            logger.LogWarning(
                exception,
                "A circuit's sign-in could not be checked now; it is checked again at its interval"
            );
        }
    }

    /// <summary>Sends this window to a page without a circuit that says why (the browser leaves, so the circuit closes).</summary>
    public void CloseForTooManyWindows()
    {
        try
        {
            navigation.NavigateTo(Links.TooManyWindows, forceLoad: true);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "An old window could not be closed");
        }
    }
}

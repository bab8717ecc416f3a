using Conversations.Domain.Push;
using Conversations.Web.Components.Account;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.JSInterop;

namespace Conversations.Web.Live;

/// <summary>
/// Whether this circuit's tab is in view: the browser says it is visible (told by <c>Components/Layout/InViewReporter</c>)
/// and its connection is up. Said to <see cref="LookingNow"/>, which every server's push sender asks: a person looking at
/// the site is told of new messages by the page, not by a push to their phone.
/// </summary>
public sealed class TabInView(LookingNow looking, SignedInParticipant me) : CircuitHandler, IDisposable
{
    private readonly object tab = new();
    private bool visible;
    private bool connected = true;
    private Guid? person;

    /// <summary>The browser's word: the tab is visible, or hidden (another tab, a minimised window, a phone asleep).</summary>
    [JSInvokable]
    public async Task VisibilityChanged(bool isVisible)
    {
        person ??= await me.IdAsync();
        visible = isVisible;
        Tell();
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        connected = false;
        Tell();
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        connected = true;
        Tell();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        looking.Forget(tab);
        return Task.CompletedTask;
    }

    private void Tell()
    {
        if (person is { } someone)
        {
            looking.Set(tab, someone, visible && connected);
        }
    }

    public void Dispose() => looking.Forget(tab);
}

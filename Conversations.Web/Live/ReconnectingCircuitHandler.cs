using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Conversations.Web.Live;

/// <summary>
/// A circuit's connection, for its screens: while it is down nothing is read on the person's behalf; when it comes back,
/// its screens reload their counts from the database (and read what they show, if seen).
/// </summary>
internal sealed class ReconnectingCircuitHandler(LiveConversations live) : CircuitHandler
{
    private bool wasDown;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        wasDown = true;
        live.CircuitDisconnected();
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (!wasDown)
        {
            return Task.CompletedTask;
        }

        wasDown = false;
        return live.CircuitReconnectedAsync();
    }
}

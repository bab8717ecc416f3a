using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Conversations.Web.Live;

/// <summary>When a dropped circuit comes back, its screens reload their counts from the database.</summary>
internal sealed class ReconnectingCircuitHandler(LiveConversations live) : CircuitHandler
{
    private bool wasDown;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        wasDown = true;
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

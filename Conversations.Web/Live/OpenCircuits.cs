using Conversations.Domain.Realtime;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Conversations.Web.Live;

/// <summary>How many Blazor circuits and unread-hub connections this server holds now, as gauges.</summary>
public sealed class OpenCircuits
{
    private int circuits;
    private int hubConnections;

    public OpenCircuits(ConversationsMetrics metrics)
    {
        metrics.Meter.CreateObservableGauge(
            "conversations.live.circuits",
            () => Volatile.Read(ref circuits),
            "{circuit}",
            "Open Blazor circuits."
        );
        metrics.Meter.CreateObservableGauge(
            "conversations.live.hub_connections",
            () => Volatile.Read(ref hubConnections),
            "{connection}",
            "Open connections to the unread hub."
        );
    }

    /// <summary>The circuits open now.</summary>
    public int Circuits => Volatile.Read(ref circuits);

    public void CircuitOpened() => Interlocked.Increment(ref circuits);

    public void CircuitClosed() => Interlocked.Decrement(ref circuits);

    public void HubConnected() => Interlocked.Increment(ref hubConnections);

    public void HubDisconnected() => Interlocked.Decrement(ref hubConnections);
}

/// <summary>Tells <see cref="OpenCircuits"/> of each circuit that opens and closes.</summary>
internal sealed class CircuitCounter(OpenCircuits open) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        open.CircuitOpened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        open.CircuitClosed();
        return Task.CompletedTask;
    }
}

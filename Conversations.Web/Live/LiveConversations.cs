using Conversations.Domain.Realtime;
using Conversations.Web.Components.Account;

namespace Conversations.Web.Live;

/// <summary>
/// The conversation events of this circuit's participant, for its components: one notifier subscription per
/// circuit, plus a "reload" after the circuit reconnects (events sent while it was away are gone).
/// </summary>
public sealed class LiveConversations(ConversationNotifier notifier, LiveUnread unread, SignedInParticipant me)
    : IDisposable
{
    private readonly Lock gate = new();
    private readonly List<Func<ConversationEvent, Task>> listeners = [];
    private IDisposable? subscription;
    private long heard;

    /// <summary>How many events this circuit has heard since it first listened or marked (<see cref="MarkAsync"/>).</summary>
    public long Heard => Interlocked.Read(ref heard);

    /// <summary>
    /// Starts hearing the participant's events (if not yet) and tells how many were heard: a component marks before it
    /// reads what it shows, and after it listens compares (<see cref="Heard"/>) to learn whether news came in between.
    /// </summary>
    public async Task<long> MarkAsync()
    {
        var id = await me.IdAsync();
        lock (gate)
        {
            if (subscription is null && id is { } participantId)
            {
                subscription = notifier.Subscribe(participantId, RaiseAsync);
            }
        }

        return Heard;
    }

    /// <summary>Calls <paramref name="onEvent"/> (on a thread-pool thread: use InvokeAsync) for each event until disposed.</summary>
    public async Task<IDisposable> ListenAsync(Func<ConversationEvent, Task> onEvent)
    {
        var id = await me.IdAsync();
        lock (gate)
        {
            listeners.Add(onEvent);
            if (subscription is null && id is { } participantId)
            {
                subscription = notifier.Subscribe(participantId, RaiseAsync);
            }
        }

        return new Listener(() =>
        {
            lock (gate)
            {
                listeners.Remove(onEvent);
            }
        });
    }

    /// <summary>
    /// Whether the circuit's browser is connected now. A circuit whose connection dropped lives on for a while (a phone in
    /// a tunnel, a page navigated away from): it must not read messages nobody sees.
    /// </summary>
    public bool Connected { get; private set; } = true;

    public void CircuitDisconnected() => Connected = false;

    /// <summary>After a dropped connection: the counts are read again from the database, and screens reload what they show.</summary>
    public async Task CircuitReconnectedAsync()
    {
        Connected = true;
        if (await me.IdAsync() is { } id)
        {
            unread.Refresh(id);
        }

        await RaiseAsync(new CountsMayBeStale());
    }

    private Task RaiseAsync(ConversationEvent e)
    {
        Interlocked.Increment(ref heard);
        Func<ConversationEvent, Task>[] current;
        lock (gate)
        {
            current = [.. listeners];
        }

        return Task.WhenAll(current.Select(listener => listener(e)));
    }

    public void Dispose() => subscription?.Dispose();

    private sealed class Listener(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}

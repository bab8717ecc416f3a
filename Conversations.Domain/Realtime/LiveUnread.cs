using Conversations.Domain.Messaging;
using Microsoft.Extensions.Logging;

namespace Conversations.Domain.Realtime;

/// <summary>
/// One live unread state per participant on this server: it hears the participant's events once, recounts once per
/// burst of events, and hands the counts to every circuit, component and hub connection of that participant that
/// watches. The state exists while someone watches it.
/// </summary>
public sealed class LiveUnread
{
    /// <summary>
    /// How many counts may run at once on this server: a burst (the relay reconnecting, thousands recounting) queues
    /// here rather than taking the whole connection pool from sign-ins and pages.
    /// </summary>
    public const int ConcurrentCounts = 8;

    private readonly Lock gate = new();
    private readonly Dictionary<Guid, UnreadState> states = [];
    private readonly SemaphoreSlim counting = new(ConcurrentCounts);
    private readonly ConversationNotifier notifier;
    private readonly CountUnread countUnread;
    private readonly ILogger<LiveUnread> logger;

    public LiveUnread(
        ConversationNotifier notifier,
        CountUnread countUnread,
        ConversationsMetrics metrics,
        ILogger<LiveUnread> logger
    )
    {
        (this.notifier, this.countUnread, this.logger) = (notifier, countUnread, logger);
        metrics.Meter.CreateObservableGauge(
            "conversations.live.participants",
            () => Watched,
            "{participant}",
            "Participants with a live unread state on this server (someone of theirs is connected)."
        );
    }

    /// <summary>How many participants have a live state on this server (for tests and measurements).</summary>
    public int Watched
    {
        get
        {
            lock (gate)
            {
                return states.Count;
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="onChange"/> (on a thread-pool thread) with the person's new counts after every change,
    /// until the watch is disposed; the watch carries the counts as they are now.
    /// </summary>
    public async Task<UnreadWatch> WatchAsync(
        Guid personId,
        Func<UnreadCounts, Task> onChange,
        CancellationToken cancellationToken = default
    )
    {
        UnreadState state;
        lock (gate)
        {
            if (!states.TryGetValue(personId, out state!))
            {
                state = new UnreadState(personId, CountAsync, logger);
                state.Start(notifier);
                states[personId] = state;
            }

            state.Add(onChange);
        }

        var watch = new UnreadWatch(() => Release(state, onChange));
        try
        {
            watch.Current = await state.CurrentAsync(cancellationToken);
            return watch;
        }
        catch
        {
            watch.Dispose();
            throw;
        }
    }

    /// <summary>The counts as they are now: from the live state when someone watches, else from the database.</summary>
    public async Task<UnreadCounts> CurrentAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        UnreadState? state;
        lock (gate)
        {
            states.TryGetValue(personId, out state);
        }

        return state is null
            ? await countUnread.HandleAsync(personId, cancellationToken)
            : await state.CurrentAsync(cancellationToken);
    }

    /// <summary>Recounts now (a circuit came back after a dropped connection and wants fresh counts from the database).</summary>
    public void Refresh(Guid personId)
    {
        lock (gate)
        {
            states.GetValueOrDefault(personId)?.Recount();
        }
    }

    private async Task<UnreadCounts> CountAsync(Guid personId)
    {
        await counting.WaitAsync();
        try
        {
            return await countUnread.HandleAsync(personId);
        }
        finally
        {
            counting.Release();
        }
    }

    private void Release(UnreadState state, Func<UnreadCounts, Task> onChange)
    {
        lock (gate)
        {
            if (state.Remove(onChange) == 0 && states.GetValueOrDefault(state.PersonId) == state)
            {
                states.Remove(state.PersonId);
                state.Stop();
            }
        }
    }
}

/// <summary>A watch on a person's live unread counts; dispose it to stop hearing changes.</summary>
public sealed class UnreadWatch(Action release) : IDisposable
{
    private int disposed;

    public UnreadCounts Current { get; internal set; } = new(0, []);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            release();
        }
    }
}

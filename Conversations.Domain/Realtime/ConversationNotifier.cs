using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace Conversations.Domain.Realtime;

/// <summary>
/// Fans events out, in this process, to whoever watches a participant (each open tab, each hub connection).
/// Fed by <see cref="NotificationRelay"/>, so events from every server arrive here.
/// </summary>
public sealed class ConversationNotifier(ILogger<ConversationNotifier> logger)
{
    // Copy-on-write lists: delivering (frequent) reads without a lock; subscribing (rare) swaps under one.
    private readonly Lock gate = new();
    private ImmutableDictionary<Guid, ImmutableList<Func<ConversationEvent, Task>>> watchers = ImmutableDictionary<
        Guid,
        ImmutableList<Func<ConversationEvent, Task>>
    >.Empty;

    public int WatchedParticipants => watchers.Count;

    /// <summary>Whether someone on this server follows this participant's events now (an open page or hub connection).</summary>
    public bool Watches(Guid participantId) => watchers.ContainsKey(participantId);

    public IDisposable Subscribe(Guid participantId, Func<ConversationEvent, Task> onEvent)
    {
        lock (gate)
        {
            watchers = watchers.SetItem(participantId, watchers.GetValueOrDefault(participantId, []).Add(onEvent));
        }

        return new Subscription(() =>
        {
            lock (gate)
            {
                var left = watchers.GetValueOrDefault(participantId, []).Remove(onEvent);
                watchers = left.IsEmpty ? watchers.Remove(participantId) : watchers.SetItem(participantId, left);
            }
        });
    }

    public Task DeliverAsync(IEnumerable<Guid> participantIds, ConversationEvent e) =>
        Task.WhenAll(
            participantIds
                .Distinct()
                .SelectMany(id => watchers.GetValueOrDefault(id, []))
                .Select(handler => InvokeAsync(handler, e))
        );

    public Task DeliverToEveryoneAsync(ConversationEvent e) =>
        Task.WhenAll(watchers.Values.SelectMany(list => list).Select(handler => InvokeAsync(handler, e)));

    private async Task InvokeAsync(Func<ConversationEvent, Task> handler, ConversationEvent e)
    {
        try
        {
            await handler(e);
        }
        catch (Exception exception)
        {
            // One broken watcher (a closed tab) must not stop the others from hearing the event.
            logger.LogWarning(exception, "A watcher failed to handle {Event}", e);
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}

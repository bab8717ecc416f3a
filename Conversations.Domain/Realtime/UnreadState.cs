using System.Collections.Immutable;
using Conversations.Domain.Messaging;
using Microsoft.Extensions.Logging;

namespace Conversations.Domain.Realtime;

/// <summary>
/// A person's unread counts on this server, kept current by their events. At most one count runs at a time; events
/// that arrive meanwhile fold into one more count, whose result alone goes to the watchers.
/// </summary>
internal sealed class UnreadState(Guid personId, Func<Guid, Task<UnreadCounts>> count, ILogger logger)
{
    private readonly Lock gate = new();
    private ImmutableList<Func<UnreadCounts, Task>> watchers = [];
    private TaskCompletionSource<UnreadCounts> next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private UnreadCounts? current;
    private bool counting;
    private bool again;
    private IDisposable? subscription;
    private volatile bool stopped;

    public Guid PersonId => personId;

    public void Start(ConversationNotifier notifier)
    {
        // Any event of the person may change a count: a message arrived, another tab read, a role changed, the relay reconnected.
        subscription = notifier.Subscribe(personId, _ =>
        {
            Recount();
            return Task.CompletedTask;
        });
        Recount();
    }

    public void Stop()
    {
        stopped = true;
        subscription?.Dispose();
    }

    public void Add(Func<UnreadCounts, Task> watcher)
    {
        lock (gate)
        {
            watchers = watchers.Add(watcher);
        }
    }

    /// <returns>How many watchers are left.</returns>
    public int Remove(Func<UnreadCounts, Task> watcher)
    {
        lock (gate)
        {
            watchers = watchers.Remove(watcher);
            return watchers.Count;
        }
    }

    public Task<UnreadCounts> CurrentAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return current is { } known ? Task.FromResult(known) : next.Task.WaitAsync(cancellationToken);
        }
    }

    public void Recount()
    {
        lock (gate)
        {
            if (counting)
            {
                again = true;
                return;
            }

            counting = true;
        }

        _ = CountLoopAsync();
    }

    /// <summary>
    /// Counts, then tells the watchers, then — if events came in meanwhile — counts again: one pipeline per person, so a
    /// watcher never hears an older count after a newer one (two tellings in flight at once could arrive out of order,
    /// leaving a badge on a count that is no longer true).
    /// </summary>
    private async Task CountLoopAsync()
    {
        while (true)
        {
            UnreadCounts? counts = null;
            Exception? failure = null;
            try
            {
                counts = await count(personId);
            }
            catch (Exception exception)
            {
                failure = exception;
                logger.LogWarning(
                    exception,
                    "Counting the unread messages of {Person} failed; trying again shortly",
                    personId
                );
            }

            TaskCompletionSource<UnreadCounts> answered;
            ImmutableList<Func<UnreadCounts, Task>> targets;
            bool changed;
            lock (gate)
            {
                if (again)
                {
                    again = false;
                    continue; // events came in meanwhile: this count may be old already
                }

                // The first count reaches every watcher as its starting point (they wait for it); after that, only a change is told.
                changed = current is not null && counts is not null && !counts.SameAs(current);
                current = counts ?? current;
                (answered, next) =
                    counts is null && current is not null
                        ? (null!, next) // a failed recount: watchers keep the last count until the retry
                        : (
                            next,
                            new TaskCompletionSource<UnreadCounts>(TaskCreationOptions.RunContinuationsAsynchronously)
                        );
                targets = watchers;
            }

            if (counts is null)
            {
                answered?.TrySetException(failure!);
                lock (gate)
                {
                    counting = false;
                }

                _ = RetryAsync();
                return;
            }

            answered.TrySetResult(counts);
            if (changed)
            {
                await Task.WhenAll(targets.Select(watcher => TellAsync(watcher, counts)));
            }

            lock (gate)
            {
                if (again)
                {
                    again = false;
                    continue; // events came in while telling: count once more, then tell in order
                }

                counting = false;
                return;
            }
        }
    }

    /// <summary>A count that failed (the database busy or gone for a moment) is tried again, so no badge stays wrong.</summary>
    private async Task RetryAsync()
    {
        await Task.Delay(RetryAfter);
        if (!stopped)
        {
            Recount();
        }
    }

    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    private async Task TellAsync(Func<UnreadCounts, Task> watcher, UnreadCounts counts)
    {
        try
        {
            await watcher(counts);
        }
        catch (Exception exception)
        {
            // One closed tab must not keep the others from hearing.
            logger.LogWarning(exception, "A watcher of {Person}'s unread counts failed", personId);
        }
    }
}

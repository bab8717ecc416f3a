using Conversations.Domain.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Conversations.Domain.Realtime;

/// <summary>
/// The one LISTEN connection of this process: relays every committed event to the in-process notifier.
/// When the connection drops it reconnects with backoff, then tells every watcher to reload its counts,
/// because notifications sent meanwhile are not replayed by PostgreSQL.
/// </summary>
public sealed class NotificationRelay(
    DatabaseConnection database,
    ConversationNotifier notifier,
    SessionWatch sessions,
    ConversationsMetrics metrics,
    ILogger<NotificationRelay> logger
) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);
    private TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once LISTEN is active (again, after a reconnect).</summary>
    public Task Listening => listening.Task;

    public int Reconnections { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        var firstConnection = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(database.ListenerConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += OnNotification;
                await using (
                    var listen = new NpgsqlCommand(
                        $"LISTEN {EventEnvelope.Channel}; LISTEN {SessionWatch.Channel}",
                        connection
                    )
                )
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                backoff = TimeSpan.FromMilliseconds(200);
                if (!firstConnection)
                {
                    Reconnections++;
                    metrics.RelayReconnected();
                    logger.LogInformation("Notification relay reconnected; watchers reload their counts.");
                    // Not awaited: thousands of screens reloading must not keep the relay from reading what comes next.
                    _ = notifier.DeliverToEveryoneAsync(new CountsMayBeStale());
                    _ = sessions.DeliverAsync((Guid?)null); // sessions may have ended meanwhile: check every live connection
                }

                firstConnection = false;
                listening.TrySetResult();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                if (listening.Task.IsCompleted)
                {
                    listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                logger.LogWarning(exception, "Notification relay lost its connection; retrying in {Backoff}.", backoff);
                await Task.Delay(backoff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }

        // Stopped, it no longer listens: started again (the tests do), a caller awaiting Listening must wait for the new
        // LISTEN, not find the last run's answer (a busy CI machine lost a test's first event that way).
        if (listening.Task.IsCompleted)
        {
            listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private async Task DeliverAsync(EventEnvelope envelope)
    {
        await notifier.DeliverAsync(envelope.To, envelope.ToEvent());
        if (envelope.At is { } written)
        {
            metrics.Pushed(DateTimeOffset.UtcNow - written);
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs args)
    {
        if (args.Channel == SessionWatch.Channel)
        {
            _ = sessions.DeliverAsync(args.Payload);
        }
        else if (EventEnvelope.FromJson(args.Payload) is { } envelope)
        {
            // Delivery must not block the connection's read loop.
            _ = DeliverAsync(envelope);
        }
    }
}

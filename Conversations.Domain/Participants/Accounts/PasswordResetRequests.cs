using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conversations.Domain.Participants;

/// <summary>
/// "Forgot your password?" requests, handled after the answer: the form answers at once and in the same words for every
/// address, so neither its words nor its time tell whether an address has an account (writing the link email for a real
/// one took a few milliseconds the unknown ones did not). Each request is then handled by <see cref="RequestPasswordReset"/>
/// in the background, one at a time. When the server stops, the requests already taken are still handled (within the
/// host's shutdown time).
/// </summary>
public sealed class PasswordResetRequests(IServiceScopeFactory scopes, ILogger<PasswordResetRequests> logger)
    : BackgroundService
{
    private readonly Channel<string> queue = Channel.CreateBounded<string>(
        new BoundedChannelOptions(10_000) { SingleReader = true }
    );

    public void Enqueue(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return;
        }

        if (!queue.Writer.TryWrite(email))
        {
            logger.LogWarning(
                "A password reset request was dropped: the server is stopping, or 10,000 are waiting already"
            );
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Writer.TryComplete(); // no new ones; those taken are handled before ExecuteAsync ends
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not stopped by the token: it ends once the queue is completed and drained (the host waits at most its shutdown time).
        await foreach (var email in queue.Reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope
                    .ServiceProvider.GetRequiredService<RequestPasswordReset>()
                    .HandleAsync(email, CancellationToken.None);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "A password reset request could not be handled");
            }
        }
    }
}

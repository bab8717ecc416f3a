using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conversations.Domain.Participants;

/// <summary>
/// "Forgot your password?" requests, handled after the answer: the form answers at once and in the same words for every
/// address, so neither its words nor its time tell whether an address has an account (writing the link email for a real
/// one took a few milliseconds the unknown ones did not). Each request is then handled by <see cref="RequestPasswordReset"/>
/// in the background, one at a time. Requests still queued when the server stops are lost; the person asks again.
/// </summary>
public sealed class PasswordResetRequests(IServiceScopeFactory scopes, ILogger<PasswordResetRequests> logger) : BackgroundService
{
    private readonly Channel<string> queue = Channel.CreateBounded<string>(new BoundedChannelOptions(10_000) { SingleReader = true });

    public void Enqueue(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return;
        }

        if (!queue.Writer.TryWrite(email))
        {
            logger.LogWarning("A password reset request was dropped: 10,000 are waiting already");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var email in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<RequestPasswordReset>().HandleAsync(email, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "A password reset request could not be handled");
            }
        }
    }
}

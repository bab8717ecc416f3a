using System.Collections.Concurrent;
using Conversations.Domain.Participants;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Conversations.Web.Live;

/// <summary>
/// The hub connections of this server by sign-in session: every <c>Security:RevalidateEvery</c> the ones whose session
/// ended (a log out on that device, on any server) are closed, so a logged-out cookie stops getting pushes too.
/// </summary>
public sealed class HubSessions(SignInSessions sessions, IOptions<SecurityStampValidatorOptions> options, ILogger<HubSessions> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, (Guid Session, HubCallerContext Connection)> connections = new();

    /// <summary>How often live connections are checked: as often as cookies, but not more than once a second (0 checks cookies on every request).</summary>
    public static TimeSpan Every(SecurityStampValidatorOptions options) =>
        options.ValidationInterval < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : options.ValidationInterval;

    public void Opened(HubCallerContext connection, Guid session) => connections[connection.ConnectionId] = (session, connection);

    public void Closed(string connectionId) => connections.TryRemove(connectionId, out _);

    /// <summary>One sweep: closes the connections of sessions that are over. Returns how many it closed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var open = connections.ToArray();
        var ended = await sessions.EndedAmongAsync(open.Select(c => c.Value.Session).Distinct().ToList(), cancellationToken);
        var closed = 0;
        foreach (var (id, (session, connection)) in open)
        {
            if (ended.Contains(session) && connections.TryRemove(id, out _))
            {
                connection.Abort();
                closed++;
            }
        }

        return closed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every(options.Value));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await SweepAsync(stoppingToken) is > 0 and var closed)
                {
                    logger.LogInformation("Closed {Count} hub connections of ended sign-in sessions", closed);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "The hub connections of ended sessions could not be checked; trying again at the next turn");
            }
        }
    }
}

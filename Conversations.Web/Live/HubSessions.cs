using System.Collections.Concurrent;
using Conversations.Domain.Participants;
using Conversations.Domain.Realtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Conversations.Web.Live;

/// <summary>
/// The hub connections of this server by sign-in: when a person's sessions change on any server (<see cref="SessionWatch"/>:
/// a log out, a deleted account, a new password or address) that person's connections here are checked at once, and those
/// whose sign-in is over are closed; every <c>Security:RevalidateEvery</c> all of them are checked too, in case news was lost.
/// </summary>
public sealed class HubSessions : BackgroundService
{
    private readonly ConcurrentDictionary<string, (LiveSignIn SignIn, HubCallerContext Connection)> connections = new();
    private readonly SignInSessions sessions;
    private readonly SessionWatch watch;
    private readonly IOptions<SecurityStampValidatorOptions> options;
    private readonly ILogger<HubSessions> logger;

    public HubSessions(
        SignInSessions sessions,
        SessionWatch watch,
        IOptions<SecurityStampValidatorOptions> options,
        ILogger<HubSessions> logger
    )
    {
        (this.sessions, this.watch, this.options, this.logger) = (sessions, watch, options, logger);
        watch.Changed += OnSessionsChangedAsync;
    }

    /// <summary>How often live connections are checked: as often as cookies, but not more than once a second (0 checks cookies on every request).</summary>
    public static TimeSpan Every(SecurityStampValidatorOptions options) =>
        options.ValidationInterval < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : options.ValidationInterval;

    public void Opened(HubCallerContext connection, LiveSignIn signIn) =>
        connections[connection.ConnectionId] = (signIn, connection);

    public void Closed(string connectionId) => connections.TryRemove(connectionId, out _);

    /// <summary>One sweep: closes the connections — of this person, or everyone's — whose sign-in is over. Returns how many it closed.</summary>
    public async Task<int> SweepAsync(Guid? person = null, CancellationToken cancellationToken = default)
    {
        var open = connections.Where(c => person is null || c.Value.SignIn.Person.Value == person).ToArray();
        var ended = await sessions.EndedAmongAsync(
            open.Select(c => c.Value.SignIn).Distinct().ToList(),
            cancellationToken
        );
        var closed = 0;
        foreach (var (id, (signIn, connection)) in open)
        {
            if (ended.Contains(signIn) && connections.TryRemove(id, out _))
            {
                connection.Abort();
                closed++;
            }
        }

        if (closed > 0)
        {
            logger.LogInformation("Closed {Count} hub connections of ended sign-in sessions", closed);
        }

        return closed;
    }

    public override void Dispose()
    {
        watch.Changed -= OnSessionsChangedAsync;
        base.Dispose();
    }

    private Task OnSessionsChangedAsync(Guid? person) =>
        person is null || connections.Values.Any(c => c.SignIn.Person.Value == person)
            ? SweepAsync(person)
            : Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every(options.Value));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(cancellationToken: stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(
                    exception,
                    "The hub connections of ended sessions could not be checked; trying again at the next turn"
                );
            }
        }
    }
}

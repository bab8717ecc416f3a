using Conversations.Domain.Realtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Conversations.Web.Live;

/// <summary>Ready only while the relay listens: without it, this server's screens would not hear other servers' messages.</summary>
public sealed class RelayHealthCheck(NotificationRelay relay) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context,
        CancellationToken cancellationToken = default
    ) =>
        Task.FromResult(
            relay.Listening.IsCompletedSuccessfully
                ? HealthCheckResult.Healthy("The relay listens.")
                : HealthCheckResult.Unhealthy("The relay is reconnecting to PostgreSQL.")
        );
}

using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Conversations.Domain.Realtime;

/// <summary>
/// Tells every server, at once, that a person's sign-in sessions changed — one logged out, the account was deleted, the
/// password or the address changed — so that each server checks that person's live circuits and hub connections now
/// instead of at its next periodic check. The news travels by NOTIFY on its own channel (<see cref="Channel"/>), sent
/// with the change's transaction, and the <see cref="NotificationRelay"/> hands it to <see cref="Changed"/>.
/// </summary>
public sealed class SessionWatch(ILogger<SessionWatch> logger)
{
    public const string Channel = "session_events";

    /// <summary>A person's sessions changed; <c>null</c>: anyone's may have (the relay reconnected and may have missed news).</summary>
    public event Func<Guid?, Task>? Changed;

    /// <summary>Sends the news with the caller's transaction (or at once, outside one).</summary>
    internal static async Task PublishAsync(
        ConversationsDbContext db,
        Guid personId,
        CancellationToken cancellationToken
    ) => await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {personId.ToString()})", cancellationToken);

    internal async Task DeliverAsync(Guid? personId)
    {
        foreach (var handler in Changed?.GetInvocationList().Cast<Func<Guid?, Task>>() ?? [])
        {
            try
            {
                await handler(personId);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "A watcher of sign-in sessions failed on news about {Person}", personId);
            }
        }
    }

    internal Task DeliverAsync(string payload) =>
        Guid.TryParse(payload, out var personId) ? DeliverAsync(personId) : Task.CompletedTask;
}

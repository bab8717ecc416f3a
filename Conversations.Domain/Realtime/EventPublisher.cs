using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Realtime;

/// <summary>
/// Publishes an event with NOTIFY on the caller's open transaction: PostgreSQL delivers it at commit,
/// in commit order, and never if the transaction rolls back.
/// </summary>
internal static class EventPublisher
{
    public static Task PublishAsync(ConversationsDbContext db, EventEnvelope envelope, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_notify({EventEnvelope.Channel}, {envelope.ToJson()})", cancellationToken);
}

using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Realtime;

/// <summary>
/// Publishes an event with NOTIFY on the caller's open transaction: PostgreSQL delivers it at commit,
/// in commit order, and never if the transaction rolls back.
/// </summary>
internal static class EventPublisher
{
    /// <summary>A NOTIFY payload must stay under 8,000 bytes: about 38 bytes per id, so at most this many per notification.</summary>
    public const int MaxRecipientsPerNotification = 150;

    public static async Task PublishAsync(
        ConversationsDbContext db,
        EventEnvelope envelope,
        CancellationToken cancellationToken
    )
    {
        // A conversation's readers include every manager of its groups: a big group may need several notifications.
        foreach (var to in envelope.To.Chunk(MaxRecipientsPerNotification))
        {
            var part = envelope with { To = to };
            await db.Database.ExecuteSqlAsync(
                $"SELECT pg_notify({EventEnvelope.Channel}, {part.ToJson()})",
                cancellationToken
            );
        }
    }
}

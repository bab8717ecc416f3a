using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Email;

/// <summary>The stored reply addresses: written with their emails, read when a reply arrives, removed once expired.</summary>
internal static class EmailReplyAddresses
{
    /// <summary>A turn's addresses in one statement, in the transaction that writes their emails.</summary>
    public static Task AddAsync(
        ConversationsDbContext db,
        IReadOnlyList<EmailReplyAddress> addresses,
        CancellationToken cancellationToken
    )
    {
        var (keys, people, conversations, groups, expiries) = (
            addresses.Select(a => a.Key).ToArray(),
            addresses.Select(a => a.PersonId).ToArray(),
            addresses.Select(a => a.ConversationId).ToArray(),
            addresses.Select(a => a.GroupId).ToArray(),
            addresses.Select(a => a.ExpiresAt).ToArray()
        );
        return db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "EmailReplyAddresses" ("Key", "PersonId", "ConversationId", "GroupId", "ExpiresAt")
            SELECT * FROM unnest({keys}, {people}, {conversations}, {groups}, {expiries})
            """,
            cancellationToken
        );
    }

    /// <summary>Addresses expired for a day and more (a reply arriving just after the expiry is still answered as such).</summary>
    public static Task<int> RemoveExpiredAsync(
        ConversationsDbContext db,
        DateTimeOffset now,
        CancellationToken cancellationToken
    ) =>
        db
            .EmailReplyAddresses.Where(a => a.ExpiresAt < now - TimeSpan.FromDays(1))
            .ExecuteDeleteAsync(cancellationToken);
}

using Conversations.Domain.Common;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Conversations.Domain.Push;

/// <summary>What a device's browser gave when it subscribed: where to push, and the keys to encrypt to.</summary>
public sealed record DeviceSubscription(string Endpoint, string P256dh, string Auth);

/// <summary>
/// Settings → Notifications, "Notify me on this device": a subscription per device, tied to the sign-in session it was
/// made in (it ends with it). Only the known push services are accepted as endpoints; the keys must be what a browser
/// gives (a P-256 point and a 16-byte secret).
/// </summary>
public sealed class PushSubscriptions(
    IDbContextFactory<ConversationsDbContext> contexts,
    IOptions<PushOptions> options,
    TimeProvider time
)
{
    public async Task<Result<bool>> SubscribeAsync(
        PersonId person,
        SessionId session,
        DeviceSubscription device,
        CancellationToken cancellationToken = default
    )
    {
        var (personId, sessionId) = (person.Value, session.Value);
        if (device.Endpoint.Length > 2000 || !options.Value.Allows(device.Endpoint))
        {
            return new Invalid("Endpoint", ProblemCodes.PushEndpointRefused);
        }

        if (
            Decoded(device.P256dh) is not { Length: 65 } point
            || point[0] != 0x04
            || Decoded(device.Auth) is not { Length: 16 }
        )
        {
            return new Invalid("Keys", ProblemCodes.PushKeysRefused);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (
            !await LivePerson.ExistsAsync(db, personId, cancellationToken)
            || !await db.SignInSessions.AnyAsync(
                s => s.Id == sessionId && s.PersonId == personId && s.EndedAt == null,
                cancellationToken
            )
        )
        {
            return LivePerson.AccountGone;
        }

        // One row per endpoint: a device subscribing again (or for another person signed in on it) takes the row over.
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "PushSubscriptions" ("Id", "PersonId", "SessionId", "Endpoint", "P256dh", "Auth", "CreatedAt")
            VALUES ({Guid.CreateVersion7()}, {personId}, {sessionId}, {device.Endpoint}, {device.P256dh}, {device.Auth}, {time.GetUtcNow()})
            ON CONFLICT ("Endpoint") DO UPDATE SET "PersonId" = EXCLUDED."PersonId", "SessionId" = EXCLUDED."SessionId",
                "P256dh" = EXCLUDED."P256dh", "Auth" = EXCLUDED."Auth", "CreatedAt" = EXCLUDED."CreatedAt"
            """,
            cancellationToken
        );
        return true;
    }

    public async Task UnsubscribeAsync(Guid personId, string endpoint, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db
            .PushSubscriptions.Where(s => s.PersonId == personId && s.Endpoint == endpoint)
            .ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Whether this device (its endpoint) is subscribed for this person.</summary>
    public async Task<bool> IsSubscribedAsync(
        Guid personId,
        string endpoint,
        CancellationToken cancellationToken = default
    )
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PushSubscriptions.AnyAsync(
            s => s.PersonId == personId && s.Endpoint == endpoint,
            cancellationToken
        );
    }

    /// <summary>"Show message text in notifications" (off by default: lock screens are public).</summary>
    public async Task<Result<bool>> ShowTextAsync(
        Guid personId,
        bool show,
        CancellationToken cancellationToken = default
    )
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changed = await LivePerson
            .All(db)
            .Where(p => p.Id == personId)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.PushShowsText, show), cancellationToken);
        return changed == 1 ? show : LivePerson.AccountGone;
    }

    public async Task<bool> ShowsTextAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db
            .Participants.Where(p => p.Id == personId)
            .Select(p => p.PushShowsText)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The subscriptions of these sessions go with them (called where sessions end).</summary>
    internal static Task<int> EndWithSessionsAsync(
        ConversationsDbContext db,
        IQueryable<Guid> sessionIds,
        CancellationToken cancellationToken
    ) => db.PushSubscriptions.Where(s => sessionIds.Contains(s.SessionId)).ExecuteDeleteAsync(cancellationToken);

    private static byte[]? Decoded(string text)
    {
        try
        {
            return text.Length > 200 ? null : WebEncoders.Base64UrlDecode(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

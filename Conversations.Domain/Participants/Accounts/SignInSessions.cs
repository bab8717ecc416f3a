using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Conversations.Domain.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conversations.Domain.Participants;

/// <summary>
/// One signed-in device: its sign-in cookie names this row, and the cookie is good only while the row is live. Logging
/// out ends the row, so a copy of that cookie stops working at once — and the person's other devices stay signed in.
/// </summary>
public sealed class SignInSession
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }
}

/// <summary>A live connection's sign-in: its session, its person, and the security stamp its cookie carried.</summary>
public sealed record LiveSignIn(SessionId Session, PersonId Person, string? Stamp);

/// <summary>Starts, ends and checks sign-in sessions (<see cref="SignInSession"/>), for the web app's cookie and its live connections.</summary>
public sealed class SignInSessions(IDbContextFactory<ConversationsDbContext> contexts, TimeProvider time)
{
    public async Task<Guid> StartAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var session = new SignInSession
        {
            Id = Guid.CreateVersion7(),
            PersonId = personId,
            StartedAt = time.GetUtcNow(),
        };
        db.SignInSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }

    /// <summary>
    /// Ends the session, if it is the person's; ending an ended one changes nothing. Every server hears of it at once
    /// (<see cref="SessionWatch"/>) and closes that session's circuits and hub connections.
    /// </summary>
    public async Task EndAsync(SessionId session, PersonId person, CancellationToken cancellationToken = default)
    {
        var (sessionId, personId) = (session.Value, person.Value);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        if (
            await db
                .SignInSessions.Where(s => s.Id == sessionId && s.PersonId == personId && s.EndedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), cancellationToken) > 0
        )
        {
            await Push.PushSubscriptions.EndWithSessionsAsync(
                db,
                db.SignInSessions.Where(s => s.Id == sessionId).Select(s => s.Id),
                cancellationToken
            );
            await SessionWatch.PublishAsync(db, personId, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Forgets sessions that ended more than <paramref name="age"/> ago (a day by default, well after any page of theirs has
    /// closed): the table keeps live sessions and recent ends only. Returns how many it removed.
    /// </summary>
    public async Task<int> ForgetEndedAsync(TimeSpan? age = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var before = time.GetUtcNow() - (age ?? TimeSpan.FromDays(1));
        return await db
            .SignInSessions.Where(s => s.EndedAt != null && s.EndedAt < before)
            .ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Ends every session of the person (deleted account, new password) in the caller's transaction, and tells every server.</summary>
    internal static async Task EndAllAsync(
        ConversationsDbContext db,
        Guid personId,
        DateTimeOffset now,
        CancellationToken cancellationToken
    )
    {
        await db
            .SignInSessions.Where(s => s.PersonId == personId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), cancellationToken);
        await Push.PushSubscriptions.EndWithSessionsAsync(
            db,
            db.SignInSessions.Where(s => s.PersonId == personId).Select(s => s.Id),
            cancellationToken
        );
        await SessionWatch.PublishAsync(db, personId, cancellationToken);
    }

    public async Task<bool> IsLiveAsync(
        SessionId session,
        PersonId person,
        CancellationToken cancellationToken = default
    )
    {
        var (sessionId, personId) = (session.Value, person.Value);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.SignInSessions.AnyAsync(
            s => s.Id == sessionId && s.PersonId == personId && s.EndedAt == null,
            cancellationToken
        );
    }

    /// <summary>
    /// Which of these live connections' sign-ins are over: their session ended (or never was), or the account's security
    /// stamp is no longer the one they signed in with (a deleted account, a new password or address). One query.
    /// </summary>
    public async Task<IReadOnlySet<LiveSignIn>> EndedAmongAsync(
        IReadOnlyCollection<LiveSignIn> signIns,
        CancellationToken cancellationToken = default
    )
    {
        if (signIns.Count == 0)
        {
            return new HashSet<LiveSignIn>();
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = signIns.Select(s => s.Session.Value).Distinct().ToArray();
        var live = await db
            .SignInSessions.Where(s => ids.Contains(s.Id) && s.EndedAt == null)
            .Select(s => new
            {
                s.Id,
                s.PersonId,
                Stamp = db.Participants.Where(p => p.Id == s.PersonId).Select(p => p.SecurityStamp).FirstOrDefault(),
            })
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        return signIns
            .Where(s =>
                !live.TryGetValue(s.Session.Value, out var row)
                || row.PersonId != s.Person.Value
                || row.Stamp != s.Stamp
            )
            .ToHashSet();
    }
}

/// <summary>Once an hour, forgets sign-in sessions that ended more than a day ago (every server does; it is idempotent).</summary>
internal sealed class SessionHousekeeping(SignInSessions sessions, ILogger<SessionHousekeeping> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                await sessions.ForgetEndedAsync(cancellationToken: stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Ended sign-in sessions could not be forgotten; trying again in an hour");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

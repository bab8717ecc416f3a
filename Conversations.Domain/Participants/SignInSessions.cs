using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

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

/// <summary>Starts, ends and checks sign-in sessions (<see cref="SignInSession"/>), for the web app's cookie and its live connections.</summary>
public sealed class SignInSessions(IDbContextFactory<ConversationsDbContext> contexts, TimeProvider time)
{
    public async Task<Guid> StartAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var session = new SignInSession { Id = Guid.CreateVersion7(), PersonId = personId, StartedAt = time.GetUtcNow() };
        db.SignInSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }

    /// <summary>Ends the session, if it is the person's; ending an ended one changes nothing.</summary>
    public async Task EndAsync(Guid sessionId, Guid personId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        await db.SignInSessions.Where(s => s.Id == sessionId && s.PersonId == personId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), cancellationToken);
    }

    public async Task<bool> IsLiveAsync(Guid sessionId, Guid personId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.SignInSessions.AnyAsync(s => s.Id == sessionId && s.PersonId == personId && s.EndedAt == null, cancellationToken);
    }

    /// <summary>Which of these sessions are over (ended, or never were): for a server to close their live connections.</summary>
    public async Task<IReadOnlySet<Guid>> EndedAmongAsync(IReadOnlyCollection<Guid> sessionIds, CancellationToken cancellationToken = default)
    {
        if (sessionIds.Count == 0)
        {
            return new HashSet<Guid>();
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = sessionIds.ToArray();
        var live = await db.SignInSessions.Where(s => ids.Contains(s.Id) && s.EndedAt == null).Select(s => s.Id).ToListAsync(cancellationToken);
        return ids.Except(live).ToHashSet();
    }
}

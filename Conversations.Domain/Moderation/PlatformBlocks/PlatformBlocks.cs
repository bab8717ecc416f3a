using Conversations.Domain.Common;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Moderation;

/// <summary>
/// What administrators do about reports, each recorded in the audit with who, what, when and why: block a person or a
/// group on the whole platform, unblock them, or dismiss the open reports about them. Anyone else is told "not found".
/// A blocked group is written to by nobody and nobody writes in its name; its conversations stay readable.
/// </summary>
public sealed class PlatformBlocks(IDbContextFactory<ConversationsDbContext> contexts, TimeProvider time)
{
    /// <summary>
    /// Blocks the person: at once their sessions end (their open pages and hub connections close), they cannot sign in,
    /// nobody finds them, starts a conversation with them or replies to them, and nothing more is mailed to them; the
    /// open reports about them are closed.
    /// </summary>
    public Task<Result<bool>> BlockAsync(
        PersonId by,
        ParticipantId whom,
        string? reason,
        CancellationToken cancellationToken = default
    ) =>
        ActAsync(
            by.Value,
            whom.Value,
            reason,
            ModerationKind.Block,
            async (db, target, now) =>
            {
                if (target.BlockedAt is not null)
                {
                    return new Invalid("Target", ProblemCodes.ModerationAlreadyBlocked);
                }

                await db
                    .Participants.Where(p => p.Id == whom.Value)
                    .ExecuteUpdateAsync(
                        set =>
                            set.SetProperty(p => p.BlockedAt, now)
                                .SetProperty(p => p.SecurityStamp, Guid.NewGuid().ToString("N")),
                        cancellationToken
                    );
                await CloseReportsAsync(db, whom.Value, now, cancellationToken);
                await db
                    .OutboxEmails.Where(e => e.To == target.Email && e.SentAt == null && e.FailedAt == null)
                    .ExecuteDeleteAsync(cancellationToken);
                await SignInSessions.EndAllAsync(db, whom.Value, now, cancellationToken);
                return null;
            },
            cancellationToken
        );

    /// <summary>Unblocks the person: everything the block took is back; they sign in again.</summary>
    public Task<Result<bool>> UnblockAsync(
        PersonId by,
        ParticipantId whom,
        string? reason,
        CancellationToken cancellationToken = default
    ) =>
        ActAsync(
            by.Value,
            whom.Value,
            reason,
            ModerationKind.Unblock,
            async (db, target, _) =>
            {
                if (target.BlockedAt is null)
                {
                    return new Invalid("Target", ProblemCodes.ModerationNotBlocked);
                }

                await db
                    .Participants.Where(p => p.Id == whom.Value)
                    .ExecuteUpdateAsync(
                        set => set.SetProperty(p => p.BlockedAt, (DateTimeOffset?)null),
                        cancellationToken
                    );
                return null;
            },
            cancellationToken
        );

    /// <summary>Closes the open reports about the person without blocking them.</summary>
    public Task<Result<bool>> DismissAsync(
        PersonId by,
        ParticipantId whom,
        string? reason,
        CancellationToken cancellationToken = default
    ) =>
        ActAsync(
            by.Value,
            whom.Value,
            reason,
            ModerationKind.Dismiss,
            async (db, _, now) =>
                await CloseReportsAsync(db, whom.Value, now, cancellationToken) == 0
                    ? new Invalid("Target", ProblemCodes.ModerationNoOpenReports)
                    : null,
            cancellationToken
        );

    private async Task<Result<bool>> ActAsync(
        Guid administratorId,
        Guid targetId,
        string? reason,
        ModerationKind kind,
        Func<ConversationsDbContext, Participant, DateTimeOffset, Task<Problem?>> act,
        CancellationToken cancellationToken
    )
    {
        var why = (reason ?? "").Trim();
        if (why.Length == 0 || VisibleText.IsBlank(why))
        {
            return new Invalid("Reason", ProblemCodes.ModerationReasonEmpty);
        }

        if (!StorableText.IsStorable(why))
        {
            return new Invalid("Reason", ProblemCodes.ReportDetailsNotStorable);
        }

        if (why.Length > Reports.DetailsMaxLength)
        {
            return new Invalid("Reason", ProblemCodes.ReportDetailsTooLong, Reports.DetailsMaxLength);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await Administrators.IsAsync(db, administratorId, cancellationToken))
        {
            return new NotFound();
        }

        if (administratorId == targetId)
        {
            return new Invalid("Target", ProblemCodes.ModerationNotYourself);
        }

        // Locked: two administrators acting on one person at once take turns (the second sees the first's change).
        var target = await db
            .Participants.FromSqlInterpolated($"""SELECT * FROM "Participants" WHERE "Id" = {targetId} FOR UPDATE""")
            .AsNoTracking()
            .FirstOrDefaultAsync(p => p.DeletedAt == null, cancellationToken);
        if (target is null)
        {
            return new NotFound(ProblemCodes.ParticipantNotFound);
        }

        var now = time.GetUtcNow();
        if (await act(db, target, now) is { } problem)
        {
            return Result<bool>.Failure(problem);
        }

        db.ModerationActions.Add(
            new ModerationAction
            {
                ModeratorId = administratorId,
                TargetId = targetId,
                Kind = kind,
                Reason = why,
                At = now,
            }
        );
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static Task<int> CloseReportsAsync(
        ConversationsDbContext db,
        Guid targetId,
        DateTimeOffset now,
        CancellationToken cancellationToken
    ) =>
        db
            .Reports.Where(r => r.TargetId == targetId && r.ClosedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.ClosedAt, now), cancellationToken);
}

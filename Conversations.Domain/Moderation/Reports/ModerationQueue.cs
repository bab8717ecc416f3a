using Conversations.Domain.Common;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Moderation;

/// <summary>One open report as a moderator reads it: who reported, why, their words, the message they shared, when.</summary>
/// <param name="Author">For a group's message, the manager who wrote it in the group's name.</param>
public sealed record OpenReport(
    Profile Reporter,
    ReportReason Reason,
    string Details,
    string? Evidence,
    DateTimeOffset CreatedAt,
    Profile? Author = null
);

/// <summary>A reported participant with their open reports, newest first.</summary>
public sealed record ReportedParticipant(Profile Participant, IReadOnlyList<OpenReport> Reports)
{
    public IReadOnlyList<ReportReason> Reasons => Reports.Select(r => r.Reason).Distinct().Order().ToList();
}

/// <summary>A person blocked on the platform, and since when.</summary>
public sealed record BlockedParticipant(Profile Participant, DateTimeOffset BlockedAt);

/// <summary>One line of the audit.</summary>
public sealed record AuditLine(
    Profile Moderator,
    Profile Target,
    ModerationKind Kind,
    string Reason,
    DateTimeOffset At
);

/// <summary>The moderation page: open reports grouped by reported participant, who is blocked, and the latest actions.</summary>
public sealed record ModerationView(
    IReadOnlyList<ReportedParticipant> Reported,
    IReadOnlyList<BlockedParticipant> Blocked,
    IReadOnlyList<AuditLine> Audit
);

/// <summary>What administrators see, and only they: anyone else is told "not found".</summary>
public sealed class ModerationQueue(IDbContextFactory<ConversationsDbContext> contexts)
{
    public const int AuditShown = 100;

    public async Task<Result<ModerationView>> HandleAsync(
        Guid administratorId,
        CancellationToken cancellationToken = default
    )
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await Administrators.IsAsync(db, administratorId, cancellationToken))
        {
            return new NotFound();
        }

        var profiles = db.Participants.AsNoTracking();
        var reports = await (
            from r in db.Reports.AsNoTracking()
            where r.ClosedAt == null
            join target in profiles on r.TargetId equals target.Id
            join reporter in profiles on r.ReporterId equals reporter.Id
            join author in profiles on r.AuthorId equals author.Id into authors
            from author in authors.DefaultIfEmpty()
            orderby r.CreatedAt descending
            select new
            {
                r.TargetId,
                r.Reason,
                r.Details,
                r.Evidence,
                r.CreatedAt,
                Target = target,
                Reporter = reporter,
                Author = author,
            }
        ).ToListAsync(cancellationToken);
        var reported = reports
            .GroupBy(r => r.TargetId)
            .Select(g => new ReportedParticipant(
                ProfileProjection.Of(g.First().Target),
                g.Select(r => new OpenReport(
                        ProfileProjection.Of(r.Reporter),
                        r.Reason,
                        r.Details,
                        r.Evidence,
                        r.CreatedAt,
                        r.Author is null ? null : ProfileProjection.Of(r.Author)
                    ))
                    .ToList()
            ))
            .OrderByDescending(p => p.Reports.Count)
            .ThenByDescending(p => p.Reports[0].CreatedAt)
            .ToList();

        var blocked = (
            await profiles.Where(PlatformBlock.Rule).OrderByDescending(p => p.BlockedAt).ToListAsync(cancellationToken)
        )
            .Select(p => new BlockedParticipant(ProfileProjection.Of(p), p.BlockedAt!.Value))
            .ToList();

        var audit = (
            await (
                from a in db.ModerationActions.AsNoTracking()
                join moderator in profiles on a.ModeratorId equals moderator.Id
                join target in profiles on a.TargetId equals target.Id
                orderby a.At descending, a.Id descending
                select new
                {
                    a.Kind,
                    a.Reason,
                    a.At,
                    Moderator = moderator,
                    Target = target,
                }
            )
                .Take(AuditShown)
                .ToListAsync(cancellationToken)
        ).Select(a => new AuditLine(ProfileProjection.Of(a.Moderator), ProfileProjection.Of(a.Target), a.Kind, a.Reason, a.At)).ToList();

        return new ModerationView(reported, blocked, audit);
    }
}

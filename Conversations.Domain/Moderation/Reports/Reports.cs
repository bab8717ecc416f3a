using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Conversations.Domain.Moderation;

/// <summary>What a participant reports: whom, why, in their words, and (from a conversation) which message.</summary>
public sealed record ReportCommand(
    PersonId Reporter,
    ParticipantId Target,
    ReportReason Reason,
    string? Details,
    long? MessageId = null
)
{
    internal Guid ReporterId => Reporter.Value;

    internal Guid TargetId => Target.Value;
}

/// <summary>
/// A participant tells the platform about another: not themselves, a live person or a group (not one they belong to; a
/// group's message carries, for moderators only, the manager who wrote it), one open report per reporter and
/// reported participant, details with the limits and storable-text rules of a message, limited like sending messages.
/// A message can be reported only from a conversation the reporter is in, and only one the reported person wrote.
/// </summary>
public sealed class ReportParticipant(
    IDbContextFactory<ConversationsDbContext> contexts,
    IOptions<MessagingOptions> messaging,
    IOptions<RateLimitOptions> limits,
    TimeProvider time
)
{
    public async Task<Result<Guid>> HandleAsync(ReportCommand command, CancellationToken cancellationToken = default)
    {
        if (command.ReporterId == command.TargetId)
        {
            return new Invalid("Target", ProblemCodes.ReportYourself);
        }

        if (!Enum.IsDefined(command.Reason))
        {
            return new Invalid("Reason", ProblemCodes.ReportReason);
        }

        var details = MessageBody.Normalize(command.Details).Trim();
        if (!StorableText.IsStorable(details))
        {
            return new Invalid("Details", ProblemCodes.ReportDetailsNotStorable);
        }

        var maxLength = Math.Min(messaging.Value.MaxMessageLength, Reports.DetailsMaxLength);
        if (details.Length > maxLength)
        {
            return new Invalid("Details", ProblemCodes.ReportDetailsTooLong, maxLength);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await LivePerson.ExistsAsync(db, command.ReporterId, cancellationToken))
        {
            return LivePerson.AccountGone;
        }

        if (!await db.Participants.AnyAsync(p => p.Id == command.TargetId && p.DeletedAt == null, cancellationToken))
        {
            return new NotFound(ProblemCodes.ParticipantNotFound);
        }

        if (
            await db.GroupMembers.AnyAsync(
                m => m.GroupId == command.TargetId && m.MemberId == command.ReporterId,
                cancellationToken
            )
        )
        {
            return new Invalid("Target", ProblemCodes.ReportOwnGroup); // a member leaves, a manager manages
        }

        string? evidence = null;
        Guid? author = null;
        if (command.MessageId is { } messageId)
        {
            var message = await db
                .Messages.Where(m =>
                    m.Id == messageId
                    && m.SenderId == command.TargetId
                    && db.ConversationMembers.Any(c =>
                        c.ConversationId == m.ConversationId && c.ParticipantId == command.ReporterId
                    )
                )
                .Select(m => new { m.Body, m.AuthorId })
                .FirstOrDefaultAsync(cancellationToken);
            if (message is null)
            {
                return new NotFound(ProblemCodes.ReportMessageNotFound); // not theirs to see, or not the reported participant's: the same answer
            }

            (evidence, author) = (message.Body, message.AuthorId);
        }

        if (await OpenAsync(db, command.ReporterId, command.TargetId, cancellationToken))
        {
            return new Invalid("Target", ProblemCodes.ReportAlreadyOpen);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await RateLimiter.TakeReportAsync(db, limits.Value, command.ReporterId, cancellationToken) is { } tooFast)
        {
            return tooFast;
        }

        var report = new Report
        {
            Id = Guid.NewGuid(),
            ReporterId = command.ReporterId,
            TargetId = command.TargetId,
            Reason = command.Reason,
            Details = details,
            MessageId = command.MessageId,
            Evidence = evidence,
            AuthorId = author,
            CreatedAt = time.GetUtcNow(),
        };
        db.Reports.Add(report);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception)
            when (UniqueViolation.ConstraintOf(exception) == ReportConfiguration.OneOpenIndex)
        {
            return new Invalid("Target", ProblemCodes.ReportAlreadyOpen); // the same report twice at once
        }

        await transaction.CommitAsync(cancellationToken);
        return report.Id;
    }

    /// <summary>Whether this reporter has an open report about this participant (the page offers "Report" only when not).</summary>
    public async Task<bool> HasOpenAsync(
        PersonId reporter,
        ParticipantId target,
        CancellationToken cancellationToken = default
    )
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await OpenAsync(db, reporter.Value, target.Value, cancellationToken);
    }

    private static Task<bool> OpenAsync(
        ConversationsDbContext db,
        Guid reporterId,
        Guid targetId,
        CancellationToken cancellationToken
    ) =>
        db.Reports.AnyAsync(
            r => r.ReporterId == reporterId && r.TargetId == targetId && r.ClosedAt == null,
            cancellationToken
        );
}

/// <summary>The limits of reports.</summary>
public static class Reports
{
    /// <summary>The column's size; a report's details are held to the message length (<c>Messaging:MaxMessageLength</c>), at most this.</summary>
    public const int DetailsMaxLength = 4000;
}

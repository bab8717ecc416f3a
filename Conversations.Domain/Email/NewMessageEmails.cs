using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Domain.Email;

/// <summary>
/// Mails people who left a message unread: on every app server, each turn takes the conversation rows whose first
/// unread message is older than <see cref="EmailOptions.NotifyAfter"/> and that nobody has mailed about since the
/// person last read (<c>FOR UPDATE SKIP LOCKED</c>: two servers never take the same row), and writes one email per
/// conversation into the outbox — folding everything unread, from everyone but the people the reader blocked — in the
/// same transaction that records how far the person was mailed. Reading before then sends nothing; the next email about
/// the same conversation waits until they have read it again. Deleted accounts, groups (no address) and people who
/// turned these emails off are never mailed.
/// </summary>
public sealed class NewMessageEmails(
    IDbContextFactory<ConversationsDbContext> contexts, IOptions<EmailOptions> options, UnsubscribeTokens unsubscribe, TimeProvider time,
    ILogger<NewMessageEmails> logger) : BackgroundService
{
    private const int PerTurn = 100;
    private const int MessagesRead = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            logger.LogInformation("No SMTP server is configured (Email:Smtp:Host): no email is written or sent");
            return;
        }

        using var timer = new PeriodicTimer(options.Value.CheckEvery, time);
        do
        {
            try
            {
                while (await RunOnceAsync(stoppingToken) == PerTurn)
                {
                    // a full turn: there may be more due right now
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "The new-message emails could not be prepared; trying again at the next turn");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One turn. Returns how many conversation rows it settled (mailed, or found to need no email).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var cutoff = now - options.Value.NotifyAfter;
        var due = await db.Database.SqlQuery<DueRow>($"""
            SELECT m."ConversationId", m."ParticipantId", m."LastReadSeq", m."LastSeq", p."Email", p."DisplayName"
              FROM "ConversationMembers" m
              JOIN "Participants" p ON p."Id" = m."ParticipantId"
              JOIN "Messages" f ON f."ConversationId" = m."ConversationId" AND f."Seq" = m."LastReadSeq" + 1
             WHERE m."LastSeq" > m."LastReadSeq" AND m."NotifiedSeq" <= m."LastReadSeq" AND f."SentAt" <= {cutoff}
               AND NOT p."IsGroup" AND p."DeletedAt" IS NULL AND p."Email" IS NOT NULL AND p."EmailAboutMessages"
             ORDER BY f."SentAt"
             LIMIT {PerTurn}
               FOR UPDATE OF m SKIP LOCKED
            """).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        // Their unread messages, newest first (a few per conversation, and how many in all), never from people the
        // reader blocked nor their own.
        var conversations = due.Select(d => d.ConversationId).ToArray();
        var readers = due.Select(d => d.ParticipantId).ToArray();
        var readUpTo = due.Select(d => d.LastReadSeq).ToArray();
        var unread = await db.Database.SqlQuery<UnreadRow>($"""
            SELECT u."ConversationId", u."ParticipantId", msg."Seq", msg."Body", msg."SentAt", msg."Total", s."DisplayName" AS "SenderName"
              FROM unnest({conversations}, {readers}, {readUpTo}) AS u("ConversationId", "ParticipantId", "LastReadSeq")
             CROSS JOIN LATERAL (
                   SELECT m."Seq", m."Body", m."SentAt", m."SenderId", count(*) OVER () AS "Total"
                     FROM "Messages" m
                    WHERE m."ConversationId" = u."ConversationId" AND m."Seq" > u."LastReadSeq" AND m."SenderId" <> u."ParticipantId"
                      AND NOT EXISTS (SELECT 1 FROM "Blocks" b WHERE b."BlockerId" = u."ParticipantId" AND b."BlockedId" = m."SenderId")
                    ORDER BY m."Seq" DESC
                    LIMIT {MessagesRead}) msg
              JOIN "Participants" s ON s."Id" = msg."SenderId"
            """).ToListAsync(cancellationToken);

        var byRow = unread.ToLookup(u => (u.ConversationId, u.ParticipantId));
        var site = options.Value.Site;
        foreach (var row in due)
        {
            var lines = byRow[(row.ConversationId, row.ParticipantId)].OrderByDescending(u => u.Seq).ToList();
            if (lines.Count == 0)
            {
                continue; // only messages from people they blocked: nothing to tell
            }

            var (unsubscribePage, unsubscribeOneClick) = unsubscribe.LinksFor(row.ParticipantId, site);
            var (subject, text, html) = NewMessagesEmail.Compose(
                row.DisplayName,
                (int)lines[0].Total,
                lines.Select(l => l.SenderName).Distinct().ToList(),
                lines.Take(NewMessagesEmail.LatestShown).Reverse().Select(l => new UnreadLine(l.SenderName, l.SentAt, l.Body)).ToList(),
                new Uri(site, $"conversations/{row.ConversationId}").ToString(),
                unsubscribePage);
            db.OutboxEmails.Add(new OutboxEmail
            {
                MessageId = $"new-messages.{row.ConversationId:N}.{row.ParticipantId:N}.{row.LastSeq}@{site.Host}",
                To = row.Email,
                Subject = subject,
                TextBody = text,
                HtmlBody = html,
                UnsubscribeUrl = unsubscribeOneClick,
                CreatedAt = now,
                DueAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        var notifiedUpTo = due.Select(d => d.LastSeq).ToArray();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE "ConversationMembers" m SET "NotifiedSeq" = u."LastSeq"
              FROM unnest({conversations}, {readers}, {notifiedUpTo}) AS u("ConversationId", "ParticipantId", "LastSeq")
             WHERE m."ConversationId" = u."ConversationId" AND m."ParticipantId" = u."ParticipantId"
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }

    private sealed class DueRow
    {
        public Guid ConversationId { get; set; }

        public Guid ParticipantId { get; set; }

        public long LastReadSeq { get; set; }

        public long LastSeq { get; set; }

        public string Email { get; set; } = "";

        public string DisplayName { get; set; } = "";
    }

    private sealed class UnreadRow
    {
        public Guid ConversationId { get; set; }

        public Guid ParticipantId { get; set; }

        public long Seq { get; set; }

        public string Body { get; set; } = "";

        public DateTimeOffset SentAt { get; set; }

        public long Total { get; set; }

        public string SenderName { get; set; } = "";
    }
}

using Conversations.Domain.Groups;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Domain.Email;

/// <summary>
/// Mails people who left a message unread: on every app server, each turn takes the conversations whose first unread
/// message is older than <see cref="EmailOptions.NotifyAfter"/> and that nobody has mailed the reader about since they
/// last read (<c>FOR UPDATE SKIP LOCKED</c>: two servers never take the same one), and writes one email per conversation
/// into the outbox — folding everything unread, from everyone but the people the reader blocked — in the same
/// transaction that records how far the reader was mailed. Reading before then sends nothing; the next email about the
/// same conversation waits until they have read it again. A group's managers are each mailed by their own read state,
/// "for" the group. Deleted accounts and people who turned these emails off are never mailed.
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
                while (await RunOnceAsync(stoppingToken) >= PerTurn)
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

    /// <summary>One turn. Returns how many readers' conversations it settled (mailed, or found to need no email).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var cutoff = now - options.Value.NotifyAfter;
        var roles = GroupRoles.ManagerRoleNames;

        // People, by their own member row (locked), and managers of groups, by their own read position (their
        // membership row is locked: a manager may have no position row yet, which counts as nothing read).
        var due = await db.Database.SqlQuery<DueRow>($"""
            SELECT m."ConversationId", m."ParticipantId" AS "ReaderId", NULL::uuid AS "GroupId", NULL AS "GroupName", NULL AS "GroupNickname",
                   m."LastReadSeq", m."LastSeq", p."Email", p."DisplayName"
              FROM "ConversationMembers" m
              JOIN "Participants" p ON p."Id" = m."ParticipantId"
              JOIN "Messages" f ON f."ConversationId" = m."ConversationId" AND f."Seq" = m."LastReadSeq" + 1
             WHERE m."LastSeq" > m."LastReadSeq" AND m."NotifiedSeq" <= m."LastReadSeq" AND f."SentAt" <= {cutoff}
               AND NOT p."IsGroup" AND p."DeletedAt" IS NULL AND p."Email" IS NOT NULL AND p."EmailAboutMessages"
             ORDER BY f."SentAt"
             LIMIT {PerTurn}
               FOR UPDATE OF m SKIP LOCKED
            """).ToListAsync(cancellationToken);
        due.AddRange(await db.Database.SqlQuery<DueRow>($"""
            SELECT m."ConversationId", gm."MemberId" AS "ReaderId", g."Id" AS "GroupId", g."DisplayName" AS "GroupName", g."Nickname" AS "GroupNickname",
                   COALESCE(r."LastReadSeq", 0) AS "LastReadSeq", m."LastSeq", p."Email", p."DisplayName"
              FROM "ConversationMembers" m
              JOIN "Participants" g ON g."Id" = m."ParticipantId" AND g."IsGroup" AND g."DeletedAt" IS NULL
              JOIN "GroupMembers" gm ON gm."GroupId" = g."Id" AND gm."Role" = ANY({roles})
              JOIN "Participants" p ON p."Id" = gm."MemberId"
              LEFT JOIN "GroupReadPositions" r ON r."ConversationId" = m."ConversationId" AND r."GroupId" = g."Id" AND r."ManagerId" = gm."MemberId"
              JOIN "Messages" f ON f."ConversationId" = m."ConversationId" AND f."Seq" = COALESCE(r."LastReadSeq", 0) + 1
             WHERE m."LastSeq" > COALESCE(r."LastReadSeq", 0) AND COALESCE(r."NotifiedSeq", 0) <= COALESCE(r."LastReadSeq", 0)
               AND f."SentAt" <= {cutoff}
               AND p."DeletedAt" IS NULL AND p."Email" IS NOT NULL AND p."EmailAboutMessages"
             ORDER BY f."SentAt"
             LIMIT {PerTurn}
               FOR UPDATE OF gm SKIP LOCKED
            """).ToListAsync(cancellationToken));
        if (due.Count == 0)
        {
            return 0;
        }

        // Their unread messages, newest first (a few per conversation, and how many in all): never from the people the
        // reader blocked, nor their own (a person's) or the group's (a manager's).
        var conversations = due.Select(d => d.ConversationId).ToArray();
        var readers = due.Select(d => d.ReaderId).ToArray();
        var writers = due.Select(d => d.GroupId ?? d.ReaderId).ToArray();
        var readUpTo = due.Select(d => d.LastReadSeq).ToArray();
        var unread = await db.Database.SqlQuery<UnreadRow>($"""
            SELECT u."Row", msg."Seq", msg."Body", msg."SentAt", msg."Total", s."DisplayName" AS "SenderName"
              FROM unnest({conversations}, {readers}, {writers}, {readUpTo}) WITH ORDINALITY AS u("ConversationId", "ReaderId", "WriterId", "LastReadSeq", "Row")
             CROSS JOIN LATERAL (
                   SELECT m."Seq", m."Body", m."SentAt", m."SenderId", count(*) OVER () AS "Total"
                     FROM "Messages" m
                    WHERE m."ConversationId" = u."ConversationId" AND m."Seq" > u."LastReadSeq" AND m."SenderId" <> u."WriterId"
                      AND NOT EXISTS (SELECT 1 FROM "Blocks" b WHERE b."BlockerId" = u."ReaderId" AND b."BlockedId" = m."SenderId")
                    ORDER BY m."Seq" DESC
                    LIMIT {MessagesRead}) msg
              JOIN "Participants" s ON s."Id" = msg."SenderId"
            """).ToListAsync(cancellationToken);

        var byRow = unread.ToLookup(u => (int)u.Row - 1);
        var site = options.Value.Site;
        for (var i = 0; i < due.Count; i++)
        {
            var row = due[i];
            var lines = byRow[i].OrderByDescending(u => u.Seq).ToList();
            if (lines.Count == 0)
            {
                continue; // only messages from people they blocked (or the group's own): nothing to tell
            }

            var (unsubscribePage, unsubscribeOneClick) = unsubscribe.LinksFor(row.ReaderId, site);
            var conversationPath = row.GroupNickname is { } group ? $"profiles/{group}/conversations/{row.ConversationId}" : $"conversations/{row.ConversationId}";
            var (subject, text, html) = NewMessagesEmail.Compose(
                row.DisplayName,
                row.GroupName,
                (int)lines[0].Total,
                lines.Select(l => l.SenderName).Distinct().ToList(),
                lines.Take(NewMessagesEmail.LatestShown).Reverse().Select(l => new UnreadLine(l.SenderName, l.SentAt, l.Body)).ToList(),
                new Uri(site, conversationPath).ToString(),
                unsubscribePage);
            db.OutboxEmails.Add(new OutboxEmail
            {
                MessageId = $"new-messages.{row.ConversationId:N}.{(row.GroupId is { } groupId ? $"{groupId:N}." : "")}{row.ReaderId:N}.{row.LastSeq}@{site.Host}",
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
        var people = due.Where(d => d.GroupId is null).ToList();
        var managers = due.Where(d => d.GroupId is not null).ToList();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE "ConversationMembers" m SET "NotifiedSeq" = u."LastSeq"
              FROM unnest({people.Select(d => d.ConversationId).ToArray()}, {people.Select(d => d.ReaderId).ToArray()}, {people.Select(d => d.LastSeq).ToArray()})
                   AS u("ConversationId", "ParticipantId", "LastSeq")
             WHERE m."ConversationId" = u."ConversationId" AND m."ParticipantId" = u."ParticipantId"
            """, cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "GroupReadPositions" ("ConversationId", "GroupId", "ManagerId", "LastReadSeq", "NotifiedSeq")
            SELECT u."ConversationId", u."GroupId", u."ManagerId", 0, u."LastSeq"
              FROM unnest({managers.Select(d => d.ConversationId).ToArray()}, {managers.Select(d => d.GroupId!.Value).ToArray()},
                          {managers.Select(d => d.ReaderId).ToArray()}, {managers.Select(d => d.LastSeq).ToArray()})
                   AS u("ConversationId", "GroupId", "ManagerId", "LastSeq")
            ON CONFLICT ("ConversationId", "GroupId", "ManagerId") DO UPDATE SET "NotifiedSeq" = EXCLUDED."NotifiedSeq"
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }

    private sealed class DueRow
    {
        public Guid ConversationId { get; set; }

        /// <summary>The person mailed: the member, or a manager of the group that is the member.</summary>
        public Guid ReaderId { get; set; }

        public Guid? GroupId { get; set; }

        public string? GroupName { get; set; }

        public string? GroupNickname { get; set; }

        public long LastReadSeq { get; set; }

        public long LastSeq { get; set; }

        public string Email { get; set; } = "";

        public string DisplayName { get; set; } = "";
    }

    private sealed class UnreadRow
    {
        public long Row { get; set; }

        public long Seq { get; set; }

        public string Body { get; set; } = "";

        public DateTimeOffset SentAt { get; set; }

        public long Total { get; set; }

        public string SenderName { get; set; } = "";
    }
}

using System.Runtime.CompilerServices;
using Conversations.Domain.Common;
using Conversations.Domain.Groups;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

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
    IDbContextFactory<ConversationsDbContext> contexts,
    IOptions<EmailOptions> options,
    IOptions<LanguageOptions> languages,
    UnsubscribeTokens unsubscribe,
    TimeProvider time,
    ILogger<NewMessageEmails> logger
) : BackgroundService
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
                logger.LogWarning(
                    exception,
                    "The new-message emails could not be prepared; trying again at the next turn"
                );
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One turn. Returns how many readers' conversations it settled (mailed, or found to need no email).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var cutoff = now - options.Value.NotifyAfter;
        // A turn reads what it mails: the member rows whose first unmailed message is older than the delay, oldest first,
        // as a range of the index made for it (at most a turn's rows, however many wait for their delay to pass),
        // locked so that two servers never take the same one. A person's row is mailed if they may be; every other row
        // is settled without email (groups, deleted accounts, people who turned emails off), so nothing stays due that
        // no turn will ever mail. Compiling this to machine code would cost more than running it.
        await db.Database.ExecuteSqlRawAsync("SET LOCAL jit = off", cancellationToken);
        var rows = await db
            .Database.SqlQuery<MemberRow>(FormattableStringFactory.Create(DueRowsSql, cutoff, PerTurn))
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return 0;
        }

        var due = rows.Where(r => r.Mailable)
            .Select(r => new DueRow
            {
                ConversationId = r.ConversationId,
                ReaderId = r.ParticipantId,
                LastReadSeq = r.LastReadSeq,
                LastSeq = r.LastSeq,
                Email = r.Email!,
                DisplayName = r.DisplayName,
                TimeZone = r.TimeZone,
                Language = r.Language,
            })
            .ToList();

        // A group's row stands for its managers, each with their own read position: the group's conversations whose
        // messages up to SettledUpTo are older than the delay, and whose managers have not read that far nor been
        // mailed since they last read (the group's row is locked: one server handles it).
        var groups = rows.Where(r => r.IsGroup).ToList();
        if (groups.Count > 0)
        {
            due.AddRange(
                await db
                    .Database.SqlQuery<DueRow>(
                        FormattableStringFactory.Create(
                            ManagersSql,
                            groups.Select(g => g.ConversationId).ToArray(),
                            groups.Select(g => g.ParticipantId).ToArray(),
                            groups.Select(g => g.SettledUpTo ?? 0).ToArray(),
                            groups.Select(g => g.LastSeq).ToArray(),
                            GroupRoles.ManagerRoleNames
                        )
                    )
                    .ToListAsync(cancellationToken)
            );
        }

        // Their unread messages, read once per conversation (newest first, at most 100): the latest few to show and how
        // many in all. Never from the people the reader blocked or the platform blocked, nor their own (a person's) or the
        // group's (a manager's).
        var conversations = due.Select(d => d.ConversationId).ToArray();
        var readers = due.Select(d => d.ReaderId).ToArray();
        var writers = due.Select(d => d.GroupId ?? d.ReaderId).ToArray();
        var readUpTo = due.Select(d => d.LastReadSeq).ToArray();
        var unread = await db
            .Database.SqlQuery<UnreadRow>(
                FormattableStringFactory.Create(
                    UnreadSql,
                    conversations,
                    readers,
                    writers,
                    readUpTo,
                    NewMessagesEmail.CountedUpTo + 1,
                    MessagesRead
                )
            )
            .ToListAsync(cancellationToken);

        var byRow = unread.ToLookup(u => (int)u.Row - 1);
        var site = options.Value.Site;
        var emails = new List<OutboxEmail>(due.Count);
        for (var i = 0; i < due.Count; i++)
        {
            var row = due[i];
            var lines = byRow[i].OrderByDescending(u => u.Seq).ToList();
            if (lines.Count == 0)
            {
                continue; // only messages from people they blocked (or the group's own): nothing to tell
            }

            var (unsubscribePage, unsubscribeOneClick) = unsubscribe.LinksFor(row.ReaderId, site);
            var conversationPath = Links.Conversation(row.ConversationId, row.GroupNickname);
            var (subject, text, html) = EmailFrame.Around(
                NewMessagesEmail.Compose(
                    row.DisplayName,
                    row.GroupName,
                    (int)lines[0].Total,
                    lines.Select(l => l.SenderName).Distinct().ToList(),
                    lines
                        .Take(NewMessagesEmail.LatestShown)
                        .Reverse()
                        .Select(l => new UnreadLine(l.SenderName, l.SentAt, l.Body))
                        .ToList(),
                    new Uri(site, conversationPath).ToString(),
                    unsubscribePage,
                    TimeZones.OrUtc(row.TimeZone),
                    languages.Value.CultureFor(row.Language),
                    options.Value.PlatformName
                ),
                options.Value
            );
            emails.Add(
                new OutboxEmail
                {
                    MessageId =
                        $"new-messages.{row.ConversationId:N}.{(row.GroupId is { } groupId ? $"{groupId:N}." : "")}{row.ReaderId:N}.{row.LastSeq}@{site.Host}",
                    To = row.Email,
                    Subject = subject,
                    TextBody = text,
                    HtmlBody = html,
                    UnsubscribeUrl = unsubscribeOneClick,
                    CreatedAt = now,
                    DueAt = now,
                }
            );
        }

        // A turn's emails in one statement (EF Core's batch of 100 single-row inserts took a third of a full turn).
        if (emails.Count > 0)
        {
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "EmailOutbox" ("MessageId", "To", "Subject", "TextBody", "HtmlBody", "UnsubscribeUrl", "CreatedAt", "DueAt", "Attempts")
                SELECT e.*, {now}, {now}, 0
                  FROM unnest({emails.Select(e => e.MessageId).ToArray()}, {emails.Select(e =>
                    e.To
                ).ToArray()}, {emails.Select(e => e.Subject).ToArray()},
                              {emails.Select(e => e.TextBody).ToArray()}, {emails.Select(e =>
                    e.HtmlBody
                ).ToArray()}, {emails.Select(e => e.UnsubscribeUrl).ToArray()}) AS e
                """,
                cancellationToken
            );
        }

        // A person's row: mailed (or not mailable) up to its last message. A group's row: handled up to the last message
        // older than the delay (its read position, unused otherwise, moves with it, so newer messages bring it back).
        var managers = due.Where(d => d.GroupId is not null).ToList();
        var settled = rows.Select(r => r.IsGroup ? r.SettledUpTo ?? r.LastReadSeq : r.LastSeq).ToArray();
        await db.Database.ExecuteSqlRawAsync(
            SettleSql,
            [
                new NpgsqlParameter("conversations", rows.Select(r => r.ConversationId).ToArray()),
                new NpgsqlParameter("participants", rows.Select(r => r.ParticipantId).ToArray()),
                new NpgsqlParameter("settled", settled),
                new NpgsqlParameter("groups", rows.Select(r => r.IsGroup).ToArray()),
            ],
            cancellationToken
        );
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "GroupReadPositions" ("ConversationId", "GroupId", "ManagerId", "LastReadSeq", "NotifiedSeq")
            SELECT u."ConversationId", u."GroupId", u."ManagerId", 0, u."LastSeq"
              FROM unnest({managers.Select(d => d.ConversationId).ToArray()}, {managers.Select(d =>
                d.GroupId!.Value
            ).ToArray()},
                          {managers.Select(d => d.ReaderId).ToArray()}, {managers.Select(d => d.LastSeq).ToArray()})
                   AS u("ConversationId", "GroupId", "ManagerId", "LastSeq")
            ON CONFLICT ("ConversationId", "GroupId", "ManagerId") DO UPDATE SET "NotifiedSeq" = EXCLUDED."NotifiedSeq"
            """,
            cancellationToken
        );
        await transaction.CommitAsync(cancellationToken);
        return rows.Count;
    }

    /// <summary>Who may be mailed: a live person (<see cref="LivePerson"/>) with an address who did not turn these emails off.</summary>
    // csharpier-ignore
    private static readonly string Mailable =
        $"""({LivePerson.Sql("p")} AND p."Email" IS NOT NULL AND p."EmailAboutMessages")""";

    /// <summary>The due member rows ({0}: now − the delay; {1}: how many a turn takes), locked, with what mailing them needs.</summary>
    private static readonly string DueRowsSql = $$"""
        SELECT m."ConversationId", m."ParticipantId", m."LastReadSeq", m."LastSeq", p."IsGroup", p."Email", p."DisplayName", p."TimeZone", p."Language",
               {{Mailable}} AS "Mailable",
               CASE WHEN p."IsGroup" THEN (SELECT max(h."Seq") FROM "Messages" h WHERE h."ConversationId" = m."ConversationId" AND h."SentAt" <= {0})
                    ELSE m."LastSeq" END AS "SettledUpTo"
          FROM (SELECT d."ConversationId", d."ParticipantId" FROM "ConversationMembers" d
                 WHERE d."UnmailedSince" <= {0}
                 ORDER BY d."UnmailedSince"
                 LIMIT {1}
                   FOR UPDATE SKIP LOCKED) due
          JOIN "ConversationMembers" m ON m."ConversationId" = due."ConversationId" AND m."ParticipantId" = due."ParticipantId"
          JOIN "Participants" p ON p."Id" = m."ParticipantId"
        """;

    /// <summary>A due group row's managers, each by their own read state ({0}–{3}: the rows; {4}: the manager roles).</summary>
    private static readonly string ManagersSql = $$"""
        SELECT u."ConversationId", gm."MemberId" AS "ReaderId", g."Id" AS "GroupId", g."DisplayName" AS "GroupName", g."Nickname" AS "GroupNickname",
               COALESCE(r."LastReadSeq", 0) AS "LastReadSeq", u."LastSeq", p."Email", p."DisplayName", p."TimeZone", p."Language"
          FROM unnest({0}, {1}, {2}, {3}) AS u("ConversationId", "GroupId", "SettledUpTo", "LastSeq")
          JOIN "Participants" g ON g."Id" = u."GroupId" AND {{DeletedAccount.NotSql("g")}}
          JOIN "GroupMembers" gm ON gm."GroupId" = g."Id" AND gm."Role" = ANY({4})
          JOIN "Participants" p ON p."Id" = gm."MemberId"
          LEFT JOIN "GroupReadPositions" r ON r."ConversationId" = u."ConversationId" AND r."GroupId" = g."Id" AND r."ManagerId" = gm."MemberId"
         WHERE COALESCE(r."LastReadSeq", 0) < u."SettledUpTo" AND COALESCE(r."NotifiedSeq", 0) <= COALESCE(r."LastReadSeq", 0)
           AND {{Mailable}}
        """;

    /// <summary>
    /// Each due row's unread messages, newest first ({0}–{3}: the rows; {4}: how many are counted; {5}: how many are read):
    /// never from someone the reader blocked (in their own name or a group's) or the platform blocked, nor the reader's own.
    /// </summary>
    // csharpier-ignore
    private static readonly string UnreadSql = $$"""
        SELECT r."Row", m."Seq", m."Body", m."SentAt", r."Total", s."DisplayName" AS "SenderName"
          FROM (SELECT u."Row", u."ConversationId", unread."Seq", unread."SenderId",
                       count(*) OVER (PARTITION BY u."Row") AS "Total",
                       row_number() OVER (PARTITION BY u."Row" ORDER BY unread."Seq" DESC) AS "Newest"
                  FROM unnest({0}, {1}, {2}, {3}) WITH ORDINALITY AS u("ConversationId", "ReaderId", "WriterId", "LastReadSeq", "Row")
                 CROSS JOIN LATERAL (
                       SELECT m."Seq", m."SenderId"
                         FROM "Messages" m
                        WHERE m."ConversationId" = u."ConversationId" AND m."Seq" > u."LastReadSeq" AND m."SenderId" <> u."WriterId"
                          AND {{Messaging.Telling.ToldSql("u.\"ReaderId\"", "m")}}
                        ORDER BY m."Seq" DESC
                        LIMIT {4}) unread) r
          JOIN "Messages" m ON m."ConversationId" = r."ConversationId" AND m."Seq" = r."Seq"
          JOIN "Participants" s ON s."Id" = r."SenderId"
         WHERE r."Newest" <= {5}
        """;

    /// <summary>A row settled up to u."SettledUpTo": mailed up to there (a group's row: handled up to there, its read position too).</summary>
    // csharpier-ignore
    private static readonly string SettleSql = $"""
        UPDATE "ConversationMembers" m
           SET "NotifiedSeq" = u."SettledUpTo",
               "LastReadSeq" = CASE WHEN u."IsGroup" THEN u."SettledUpTo" ELSE m."LastReadSeq" END,
               "UnmailedSince" = {EmailDue.RecomputedSql("m", "CASE WHEN u.\"IsGroup\" THEN u.\"SettledUpTo\" ELSE m.\"LastReadSeq\" END", "u.\"SettledUpTo\"")}
          FROM unnest(@conversations, @participants, @settled, @groups) AS u("ConversationId", "ParticipantId", "SettledUpTo", "IsGroup")
         WHERE m."ConversationId" = u."ConversationId" AND m."ParticipantId" = u."ParticipantId"
        """;

    private sealed class MemberRow
    {
        public Guid ConversationId { get; set; }

        public Guid ParticipantId { get; set; }

        public long LastReadSeq { get; set; }

        public long LastSeq { get; set; }

        public bool IsGroup { get; set; }

        public string? Email { get; set; }

        public string DisplayName { get; set; } = "";

        public string? TimeZone { get; set; }

        public string? Language { get; set; }

        public bool Mailable { get; set; }

        public long? SettledUpTo { get; set; }
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

        public string? TimeZone { get; set; }

        public string? Language { get; set; }
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

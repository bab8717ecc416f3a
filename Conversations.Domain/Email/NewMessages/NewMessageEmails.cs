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
public sealed partial class NewMessageEmails(
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
        var replyAddresses = new List<EmailReplyAddress>(options.Value.RepliesEnabled ? due.Count : 0);
        for (var i = 0; i < due.Count; i++)
        {
            var row = due[i];
            var lines = byRow[i].OrderByDescending(u => u.Seq).ToList();
            if (lines.Count == 0)
            {
                continue; // only messages from people they blocked (or the group's own): nothing to tell
            }

            var (unsubscribePage, unsubscribeOneClick) = unsubscribe.LinksFor(row.ReaderId, site);
            // A reply to this email is posted in the conversation as its reader (for the group, to a manager).
            EmailReplyAddress? replyAddress = options.Value.RepliesEnabled
                ? new()
                {
                    Key = EmailReplyAddress.NewKey(),
                    PersonId = row.ReaderId,
                    ConversationId = row.ConversationId,
                    GroupId = row.GroupId,
                    ExpiresAt = now + EmailReplyAddress.Lifetime,
                }
                : null;
            if (replyAddress is not null)
            {
                replyAddresses.Add(replyAddress);
            }

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
                    options.Value.PlatformName,
                    answerable: replyAddress is not null
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
                    ReplyTo = replyAddress is null
                        ? null
                        : EmailReplyAddress.Format(options.Value.Replies.Address, replyAddress.Key),
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
                INSERT INTO "EmailOutbox" ("MessageId", "To", "Subject", "TextBody", "HtmlBody", "UnsubscribeUrl", "ReplyTo", "CreatedAt", "DueAt", "Attempts")
                SELECT e.*, {now}, {now}, 0
                  FROM unnest({emails.Select(e => e.MessageId).ToArray()}, {emails.Select(e =>
                    e.To
                ).ToArray()}, {emails.Select(e => e.Subject).ToArray()},
                              {emails.Select(e => e.TextBody).ToArray()}, {emails.Select(e =>
                    e.HtmlBody
                ).ToArray()}, {emails.Select(e => e.UnsubscribeUrl).ToArray()}, {emails.Select(e => e.ReplyTo).ToArray()}) AS e
                """,
                cancellationToken
            );
        }

        if (replyAddresses.Count > 0)
        {
            await EmailReplyAddresses.AddAsync(db, replyAddresses, cancellationToken);
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
}

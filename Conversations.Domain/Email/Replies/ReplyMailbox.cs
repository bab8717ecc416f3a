using Conversations.Domain.Persistence;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Domain.Email;

/// <summary>
/// Reads the replies' mailbox over IMAP (MailKit) and hands each new email to <see cref="ReceiveEmailReply"/>.
/// Polling a mailbox was chosen over an SMTP listener of the app's own: it works with any mail provider (no MX record, no
/// port 25 open on the app's servers, no certificate), replies wait safely in the mailbox while every server is down or
/// being deployed instead of bouncing, and the local mail catcher (smtp4dev) serves IMAP, so <c>./run.sh</c> needs
/// nothing new. One server reads at a time (a PostgreSQL advisory lock for the turn); an email handled is marked seen
/// and deleted, one that is not a reply (in a shared mailbox, the platform's own emails) is marked seen and left; an
/// email is read again only if its handling failed (the others are not held up), and a reply read twice is posted once
/// (its idempotency token).
/// </summary>
public sealed class ReplyMailbox(
    IDbContextFactory<ConversationsDbContext> contexts,
    ReceiveEmailReply receive,
    IOptions<EmailOptions> options,
    TimeProvider time,
    ILogger<ReplyMailbox> logger
) : BackgroundService
{
    /// <summary>The advisory lock's key: 'replies' in ASCII.</summary>
    private const long TurnLock = 0x7265706c696573;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RepliesEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Replies.CheckEvery, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "The replies' mailbox could not be read; trying again at the next turn");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One turn: every unseen email of the mailbox. Returns how many were replies handled (posted or not).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var mine = await db
            .Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({TurnLock}) AS \"Value\"")
            .SingleAsync(cancellationToken);
        if (!mine)
        {
            return 0; // another server is reading the mailbox
        }

        var settings = options.Value.Replies.Imap;
        using var imap = new ImapClient();
        await imap.ConnectAsync(settings.Host, settings.Port, settings.Security.ForMailKit(), cancellationToken);
        await imap.AuthenticateAsync(settings.User, settings.Password, cancellationToken);
        var folder = await imap.GetFolderAsync(settings.Folder, cancellationToken);
        await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);

        var handled = 0;
        foreach (var uid in await folder.SearchAsync(SearchQuery.NotSeen, cancellationToken))
        {
            EmailReplyResult result;
            try
            {
                result = await receive.HandleAsync(
                    await folder.GetMessageAsync(uid, cancellationToken),
                    cancellationToken
                );
            }
            catch (Exception exception) when (exception is not OperationCanceledException && imap.IsConnected)
            {
                // Left unseen for the next turn; the emails after it are not held up by it.
                logger.LogWarning(
                    exception,
                    "A received email could not be handled; it is tried again at the next turn"
                );
                continue;
            }

            if (result.Outcome == EmailReplyOutcome.NotAReply)
            {
                await folder.AddFlagsAsync(uid, MessageFlags.Seen, silent: true, cancellationToken);
                continue;
            }

            await folder.AddFlagsAsync(uid, MessageFlags.Seen | MessageFlags.Deleted, silent: true, cancellationToken);
            handled++;
        }

        if (handled > 0)
        {
            await folder.ExpungeAsync(cancellationToken);
        }

        await imap.DisconnectAsync(quit: true, cancellationToken);
        await EmailReplyAddresses.RemoveExpiredAsync(db, time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return handled;
    }
}

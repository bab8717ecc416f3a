using Conversations.Domain.Persistence;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Conversations.Domain.Email;

/// <summary>
/// Sends the outbox, on every app server: each turn takes due emails with <c>FOR UPDATE SKIP LOCKED</c> (two servers
/// never take the same row), sends them over one SMTP connection, and marks each sent — or, when the SMTP server is down
/// or refuses, tries again later (waits doubling from 10 s up to 30 min), and after the last try leaves it marked failed
/// with the error logged. A crash between sending and marking may send an email again: its stable Message-ID lets mail
/// clients drop the copy.
/// </summary>
public sealed class OutboxSender(
    IDbContextFactory<ConversationsDbContext> contexts,
    IOptions<EmailOptions> options,
    TimeProvider time,
    ILogger<OutboxSender> logger
) : BackgroundService
{
    private const int PerTurn = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.CheckEvery, time);
        do
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "The outbox could not be read; trying again at the next turn");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One turn: sends what is due now. Returns how many emails were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var due = await db
            .OutboxEmails.FromSqlInterpolated(
                $"""
                SELECT * FROM "EmailOutbox" WHERE "SentAt" IS NULL AND "FailedAt" IS NULL AND "DueAt" <= {now}
                 ORDER BY "DueAt" LIMIT {PerTurn} FOR UPDATE SKIP LOCKED
                """
            )
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var sent = 0;
        var tried = new HashSet<OutboxEmail>();
        using var smtp = new SmtpClient();
        try
        {
            await ConnectAsync(smtp, cancellationToken);
            foreach (var email in due)
            {
                tried.Add(email);
                try
                {
                    await smtp.SendAsync(ToMime(email), cancellationToken);
                    email.SentAt = time.GetUtcNow();
                    sent++;
                }
                catch (Exception exception)
                    when (exception is SmtpCommandException or SmtpProtocolException or IOException)
                {
                    Failed(email, exception); // this one refused or cut short; the others still get their turn
                    if (!smtp.IsConnected)
                    {
                        await ConnectAsync(smtp, cancellationToken);
                    }
                }
            }

            await smtp.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The server cannot be reached (or went away): every email not sent yet waits for a later try.
            foreach (var email in due.Where(e => e.SentAt is null && !tried.Contains(e)))
            {
                Failed(email, exception);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return sent;
    }

    private void Failed(OutboxEmail email, Exception exception)
    {
        email.Attempts++;
        email.LastError = exception.Message;
        if (email.Attempts >= options.Value.MaxAttempts)
        {
            email.FailedAt = time.GetUtcNow();
            logger.LogError(
                exception,
                "Email {MessageId} given up after {Attempts} tries",
                email.MessageId,
                email.Attempts
            );
        }
        else
        {
            email.DueAt = time.GetUtcNow() + TimeSpan.FromSeconds(Math.Min(1800, 10 * Math.Pow(2, email.Attempts - 1)));
            logger.LogWarning(
                "Email {MessageId} not sent ({Error}); try {Attempts} of {Max} at {DueAt}",
                email.MessageId,
                exception.Message,
                email.Attempts,
                options.Value.MaxAttempts,
                email.DueAt
            );
        }
    }

    private async Task ConnectAsync(SmtpClient smtp, CancellationToken cancellationToken)
    {
        var settings = options.Value.Smtp;
        await smtp.ConnectAsync(settings.Host, settings.Port, settings.Security.ForMailKit(), cancellationToken);
        if (!string.IsNullOrEmpty(settings.User))
        {
            await smtp.AuthenticateAsync(settings.User, settings.Password, cancellationToken);
        }
    }

    private MimeMessage ToMime(OutboxEmail email)
    {
        var message = new MimeMessage
        {
            MessageId = email.MessageId,
            Subject = email.Subject,
            Date = email.CreatedAt,
        };
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        if (email.UnsubscribeUrl is { } unsubscribe)
        {
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        if (email.ReplyTo is { } replyTo)
        {
            message.ReplyTo.Add(MailboxAddress.Parse(replyTo));
        }

        if (email.InReplyTo is { } answered)
        {
            message.InReplyTo = answered;
            message.References.Add(answered);
            message.Headers.Add("Auto-Submitted", "auto-replied");
        }

        message.Body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody }.ToMessageBody();
        return message;
    }
}

using System.Security.Cryptography;
using System.Text;
using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Conversations.Domain.Email;

/// <summary>What became of a received email.</summary>
public enum EmailReplyOutcome
{
    /// <summary>Its text is in the conversation, as its writer (once, however often the email is read).</summary>
    Posted,

    /// <summary>Not sent to a reply address of this platform: left alone.</summary>
    NotAReply,

    /// <summary>Sent by a machine (an automatic answer, a bounce): dropped without an answer.</summary>
    Automatic,

    /// <summary>A reply address that was never made here (or was removed long after it expired): nothing posted.</summary>
    UnknownAddress,

    /// <summary>Not sent from the address of the account the reply address was made for: nothing posted, no answer.</summary>
    WrongSender,

    /// <summary>Not posted, and its writer was told why by email (an expired address, an empty reply, a refusal of the rules).</summary>
    Refused,
}

public sealed record EmailReplyResult(EmailReplyOutcome Outcome, string? Why = null);

/// <summary>
/// A reply to a new-message email, received from the replies' mailbox: posted in the conversation as the person the
/// email was written to (for their group, when it was written to a manager) through <see cref="Reply"/>, so with every
/// rule of a reply (consent, blocks, limits, length). Only what the person wrote is posted (<see cref="ReplyTrimmer"/>).
/// Automatic emails are dropped; an unknown address, or a sender who is not the account's address, posts nothing and is
/// not answered (an answer could reach a stranger); any other refusal is answered once, in the person's language, with
/// what they wrote, so it is not lost.
/// </summary>
public sealed class ReceiveEmailReply(
    IDbContextFactory<ConversationsDbContext> contexts,
    Reply reply,
    IOptions<EmailOptions> options,
    IOptions<LanguageOptions> languages,
    IOptions<MessagingOptions> messaging,
    TimeProvider time,
    ILogger<ReceiveEmailReply> logger
)
{
    public const string Expired = "Reply.Expired";
    public const string NothingWritten = "Reply.Empty";

    public async Task<EmailReplyResult> HandleAsync(MimeMessage email, CancellationToken cancellationToken = default)
    {
        if (EmailReplyAddress.KeyIn(email, options.Value.Replies.Address) is not { } key)
        {
            return new(EmailReplyOutcome.NotAReply);
        }

        if (ReceivedEmail.IsAutomatic(email))
        {
            logger.LogInformation("An automatic email to a reply address was dropped ({MessageId})", email.MessageId);
            return new(EmailReplyOutcome.Automatic);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await (
            from address in db.EmailReplyAddresses
            where address.Key == key
            join person in LivePerson.All(db) on address.PersonId equals person.Id
            join gr in db.Participants on address.GroupId equals gr.Id into groups
            from g in groups.DefaultIfEmpty()
            select new
            {
                Address = address,
                person.Email,
                person.DisplayName,
                person.Language,
                GroupNickname = g == null ? null : g.Nickname,
            }
        ).FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            logger.LogInformation("A reply to an unknown address was dropped ({MessageId})", email.MessageId);
            return new(EmailReplyOutcome.UnknownAddress);
        }

        var senders = email.From.Mailboxes.ToList();
        if (senders.Count != 1 || !string.Equals(senders[0].Address, found.Email, StringComparison.OrdinalIgnoreCase))
        {
            logger.LogInformation(
                "A reply from another address than its account's was dropped ({MessageId})",
                email.MessageId
            );
            return new(EmailReplyOutcome.WrongSender);
        }

        var text = ReplyTrimmer.Trim(ReceivedEmail.TextOf(email));
        var conversation = found.Address.ConversationId;
        string? refusal;
        if (found.Address.ExpiresAt <= time.GetUtcNow())
        {
            refusal = Expired;
        }
        else if (string.IsNullOrWhiteSpace(text))
        {
            refusal = NothingWritten;
        }
        else
        {
            var sender = found.Address.GroupId is { } group
                ? Actor.ManagerOf(new GroupId(group), new PersonId(found.Address.PersonId))
                : Actor.Person(found.Address.PersonId);
            var posted = await reply.HandleAsync(
                new ReplyCommand(sender, new ConversationId(conversation), text, TokenOf(email, key)),
                cancellationToken
            );
            if (posted.Succeeded)
            {
                return new(EmailReplyOutcome.Posted);
            }

            refusal = FieldError.From(posted.Problem)[0].Code; // a body refused for its length: Invalid's Message.TooLong
        }

        var culture = languages.Value.CultureFor(found.Language);
        var site = options.Value.Site;
        var (subject, body, html) = EmailFrame.Around(
            ReplyRefusedEmail.Compose(
                found.DisplayName,
                refusal,
                text,
                messaging.Value.MaxMessageLength,
                new Uri(site, Links.Conversation(conversation, found.GroupNickname)).ToString(),
                culture,
                options.Value.PlatformName
            ),
            options.Value
        );
        var now = time.GetUtcNow();
        // One answer per received email, however often it is read (its Message-ID names the answer).
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "EmailOutbox" ("MessageId", "To", "Subject", "TextBody", "HtmlBody", "InReplyTo", "CreatedAt", "DueAt", "Attempts")
            VALUES ({$"reply-refused.{Hash(email, key)}@{site.Host}"}, {found.Email}, {subject}, {body}, {html},
                    {email.MessageId}, {now}, {now}, 0)
            ON CONFLICT ("MessageId") DO NOTHING
            """,
            cancellationToken
        );
        logger.LogInformation("A reply by email was refused ({Why}); its writer is told", refusal);
        return new(EmailReplyOutcome.Refused, refusal);
    }

    /// <summary>The reply's idempotency token: the same email read twice (a crash before it was marked) posts once.</summary>
    private static Guid TokenOf(MimeMessage email, string key) => new(Convert.FromHexString(Hash(email, key))[..16]);

    private static string Hash(MimeMessage email, string key) =>
        Convert.ToHexStringLower(
            SHA256.HashData(
                Encoding.UTF8.GetBytes($"{key}\n{email.MessageId ?? $"{email.Date:O}\n{ReceivedEmail.TextOf(email)}"}")
            )
        )[..32];
}

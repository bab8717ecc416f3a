using System.Text;
using Conversations.Domain.Persistence;
using Microsoft.AspNetCore.WebUtilities;

namespace Conversations.Domain.Email;

/// <summary>
/// Emails that carry a link for one account — address confirmation, address change, password reset — written into
/// the outbox through the caller's context, so in the caller's transaction. Each kind is also the name of the person's
/// rate-limit bucket for it (<see cref="Messaging.RateLimitOptions.LinkEmailsPerHour"/>).
/// </summary>
internal static class LinkEmails
{
    public const string AddressConfirmation = "confirm-address"; // at most 16 characters: a rate-limit bucket's kind
    public const string AddressChange = "change-address";
    public const string PasswordReset = "password-reset";
    public const string AddressTaken = "address-taken";

    public static void Add(
        ConversationsDbContext db,
        string kind,
        Guid personId,
        string to,
        (string Subject, string Text, string Html) content,
        EmailOptions options,
        DateTimeOffset now
    )
    {
        var (subject, text, html) = EmailFrame.Around(content, options);
        db.OutboxEmails.Add(
            new OutboxEmail
            {
                MessageId = $"{kind}.{personId:N}.{Guid.NewGuid():N}@{options.Site.Host}",
                To = to,
                Subject = subject,
                TextBody = text,
                HtmlBody = html,
                CreatedAt = now,
                DueAt = now,
            }
        );
    }

    /// <summary>An Identity token as it travels in a link's query.</summary>
    public static string Code(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>The token back from a link's query; null when the code was altered beyond decoding.</summary>
    public static string? Token(string? code)
    {
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code ?? ""));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

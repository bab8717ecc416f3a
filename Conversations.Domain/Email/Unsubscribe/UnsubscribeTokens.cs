using Microsoft.AspNetCore.DataProtection;

namespace Conversations.Domain.Email;

/// <summary>
/// The one-click unsubscribe link's token: the person's id, signed and encrypted for this purpose only (with the keys
/// every server shares), so it works without signing in and cannot be forged, altered or used for anything else. It
/// expires <see cref="Lifetime"/> after the email was written: a link found in an old mailbox (or a forwarded email)
/// stops working, and Settings → Messages remains.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider protection, TimeProvider time)
{
    /// <summary>How long an email's unsubscribe link works.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(60);

    /// <summary>The page a person opens from the email's link: it asks before stopping.</summary>
    public const string PagePath = "/unsubscribe";

    /// <summary>Where the page's button and a mail client's one-click (List-Unsubscribe-Post, RFC 8058) post.</summary>
    public const string OneClickPath = "/unsubscribe/one-click";

    // v2: with an expiry (the v1 links of older emails never expired, and are refused from now on).
    private readonly ITimeLimitedDataProtector protector = protection
        .CreateProtector("Conversations.Email.Unsubscribe.v2")
        .ToTimeLimitedDataProtector();

    public string For(Guid personId) => protector.Protect(personId.ToString("N"), time.GetUtcNow() + Lifetime);

    /// <summary>The page's and the one-click addresses for this person under the site's public address.</summary>
    public (string Page, string OneClick) LinksFor(Guid personId, Uri site)
    {
        var token = Uri.EscapeDataString(For(personId));
        return (
            new Uri(site, $"{PagePath.TrimStart('/')}?token={token}").ToString(),
            new Uri(site, $"{OneClickPath.TrimStart('/')}?token={token}").ToString()
        );
    }

    /// <summary>Whose token this is; null when it was not made here for this purpose (forged, altered, cut short) or has expired.</summary>
    public Guid? Read(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            return Guid.TryParseExact(protector.Unprotect(token), "N", out var id) ? id : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}

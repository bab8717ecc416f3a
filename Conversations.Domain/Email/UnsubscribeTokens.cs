using Microsoft.AspNetCore.DataProtection;

namespace Conversations.Domain.Email;

/// <summary>
/// The one-click unsubscribe link's token: the person's id, signed and encrypted for this purpose only (with the keys
/// every server shares), so it works without signing in and cannot be forged, altered or used for anything else.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider protection)
{
    /// <summary>The page a person opens from the email's link: it asks before stopping.</summary>
    public const string PagePath = "/unsubscribe";

    /// <summary>Where the page's button and a mail client's one-click (List-Unsubscribe-Post, RFC 8058) post.</summary>
    public const string OneClickPath = "/unsubscribe/one-click";

    private readonly IDataProtector protector = protection.CreateProtector("Conversations.Email.Unsubscribe.v1");

    public string For(Guid personId) => protector.Protect(personId.ToString("N"));

    /// <summary>The page's and the one-click addresses for this person under the site's public address.</summary>
    public (string Page, string OneClick) LinksFor(Guid personId, Uri site)
    {
        var token = Uri.EscapeDataString(For(personId));
        return (new Uri(site, $"{PagePath.TrimStart('/')}?token={token}").ToString(), new Uri(site, $"{OneClickPath.TrimStart('/')}?token={token}").ToString());
    }

    /// <summary>Whose token this is; null when it was not made here for this purpose (forged, altered, cut short).</summary>
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

using System.Text;
using Microsoft.AspNetCore.Components;

namespace Conversations.Web.Components.Account;

/// <summary>Redirects after a static-rendered account form, never off the site.</summary>
internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public void RedirectTo(string? uri) => navigationManager.NavigateTo(LocalOrHome(uri));

    /// <summary>
    /// A relative address on this site, with what is not ASCII percent-encoded as UTF-8 (a <c>Location</c> header holds
    /// ASCII only: <c>profiles/élodie</c> goes to <c>profiles/%C3%A9lodie</c>); anything else — another site, a
    /// scheme, control characters — goes home.
    /// </summary>
    public static string LocalOrHome(string? uri)
    {
        var escaped = EscapeNonAscii(uri ?? "");
        return
            escaped is null
            || !Uri.IsWellFormedUriString(escaped, UriKind.Relative)
            || escaped.StartsWith("//", StringComparison.Ordinal)
            || escaped.StartsWith("/\\", StringComparison.Ordinal)
            ? ""
            : escaped;
    }

    private static string? EscapeNonAscii(string uri)
    {
        var result = new StringBuilder(uri.Length);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in uri.EnumerateRunes())
        {
            if (Rune.IsControl(rune))
            {
                return null;
            }

            if (rune.Value is > 0x20 and < 0x7F)
            {
                result.Append((char)rune.Value);
                continue;
            }

            foreach (var b in utf8[..rune.EncodeToUtf8(utf8)])
            {
                result.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return result.ToString();
    }
}

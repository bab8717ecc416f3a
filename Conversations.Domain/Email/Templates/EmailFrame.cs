using System.Net;

namespace Conversations.Domain.Email;

/// <summary>
/// What every email of the platform carries below its own words: a footer with the platform's name and the site's
/// address (names and addresses need no translation). With the platform named in every subject too, a resident tells
/// the platform's emails from phishing at a glance.
/// </summary>
internal static class EmailFrame
{
    public static (string Subject, string Text, string Html) Around(
        (string Subject, string Text, string Html) content,
        EmailOptions options
    )
    {
        var (name, site) = (options.PlatformName, options.Site.ToString());
        return (
            content.Subject,
            $"{content.Text}\n-- \n{name} · {site}\n",
            $"""{content.Html}<hr style="border:none;border-top:1px solid #dddddd"><p style="color:#555555;font-size:small">{WebUtility.HtmlEncode(name)} · <a href="{WebUtility.HtmlEncode(site)}">{WebUtility.HtmlEncode(site)}</a></p>"""
        );
    }
}

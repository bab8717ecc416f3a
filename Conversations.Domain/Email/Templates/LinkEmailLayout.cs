using System.Globalization;
using System.Net;

namespace Conversations.Domain.Email;

/// <summary>The one shape of a link email: a greeting, what happened, the link (a button in HTML), and what to do if it was not you.</summary>
internal static class LinkEmailLayout
{
    public static (string Subject, string Text, string Html) Compose(
        CultureInfo culture,
        string subject,
        string? name,
        string intro,
        string button,
        string url,
        string notYou
    )
    {
        var hello = name is null ? EmailWords.Get(culture, "HelloNoName") : EmailWords.Get(culture, "Hello", name);
        var text = $"{hello}\n\n{intro}\n\n{url}\n\n{notYou}\n";
        var html = $"""
            <p>{Encode(hello)}</p>
            <p>{Encode(intro)}</p>
            <p>{Button(button, url)}</p>
            <p style="color:#555555;font-size:small">{Encode(notYou)}</p>
            """;
        return (subject, text, html);
    }

    public static string Button(string label, string url) =>
        $"""<a href="{Encode(url)}" style="display:inline-block;padding:10px 18px;background:#3f51b5;color:#ffffff;text-decoration:none;border-radius:4px">{Encode(label)}</a>""";

    public static string Encode(string text) => WebUtility.HtmlEncode(text);
}

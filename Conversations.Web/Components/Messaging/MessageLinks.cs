using System.Text.RegularExpressions;

namespace Conversations.Web.Components.Messaging;

/// <summary>Finds http(s) addresses in message text; nothing else (javascript:, data:, …) ever becomes a link.</summary>
public static partial class MessageLinks
{
    public readonly record struct Part(string Text, bool IsLink);

    public static IEnumerable<Part> Split(string text)
    {
        var last = 0;
        foreach (Match match in Url().Matches(text))
        {
            var url = match.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', '\'', '"');
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                continue;
            }

            if (match.Index > last)
            {
                yield return new Part(text[last..match.Index], false);
            }

            yield return new Part(url, true);
            last = match.Index + url.Length;
        }

        if (last < text.Length)
        {
            yield return new Part(text[last..], false);
        }
    }

    // An address ends at white space, <, >, " and at invisible direction or zero-width characters, so that a link's
    // text cannot be made to look like another address (U+202E would show "https://example.org/live" reversed).
    [GeneratedRegex(
        @"\bhttps?://[^\s<>""\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant
    )]
    private static partial Regex Url();
}

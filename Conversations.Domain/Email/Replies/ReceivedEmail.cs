using System.Text;
using MimeKit;
using MimeKit.Text;

namespace Conversations.Domain.Email;

/// <summary>What the platform reads of a received email: whether a machine sent it, and the text a person wrote.</summary>
public static class ReceivedEmail
{
    private static readonly string[] ListPrecedences = ["bulk", "junk", "list", "auto_reply"];

    /// <summary>
    /// Sent by a machine, not typed as an answer: an out-of-office or other automatic answer (RFC 3834's
    /// <c>Auto-Submitted</c>, <c>Precedence: bulk/junk/list/auto_reply</c>, the <c>X-Autoreply</c> family), or a bounce
    /// (an empty return path, a delivery report, the mailer daemon). Such an email is dropped without an answer, so that
    /// two machines never answer each other.
    /// </summary>
    public static bool IsAutomatic(MimeMessage email)
    {
        var headers = email.Headers;
        if (
            headers[HeaderId.AutoSubmitted] is { } submitted
            && !submitted.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase)
        )
        {
            return true;
        }

        if (
            headers[HeaderId.Precedence] is { } precedence
            && ListPrecedences.Contains(precedence.Trim().ToLowerInvariant())
        )
        {
            return true;
        }

        if (headers[HeaderId.ReturnPath] is { } returnPath && returnPath.Trim() is "<>" or "")
        {
            return true;
        }

        if (new[] { "X-Autoreply", "X-Autorespond", "X-Autoresponder" }.Any(headers.Contains))
        {
            return true;
        }

        if (email.Body is MultipartReport || email.Body?.ContentType.IsMimeType("multipart", "report") == true)
        {
            return true;
        }

        return email.From.Mailboxes.Any(m =>
            m.LocalPart.Equals("mailer-daemon", StringComparison.OrdinalIgnoreCase)
            || m.LocalPart.Equals("postmaster", StringComparison.OrdinalIgnoreCase)
        );
    }

    /// <summary>The email's text as its writer's client sent it: the plain text part (format=flowed joined), else the HTML made text.</summary>
    public static string TextOf(MimeMessage email)
    {
        var plain = email.BodyParts.OfType<TextPart>().FirstOrDefault(p => p.IsPlain && !p.IsAttachment);
        if (plain is not null)
        {
            var text = plain.Text;
            if (
                plain.ContentType.Parameters.TryGetValue("format", out string? format)
                && format.Equals("flowed", StringComparison.OrdinalIgnoreCase)
            )
            {
                var deleteSpace =
                    plain.ContentType.Parameters.TryGetValue("delsp", out string? delsp)
                    && delsp.Equals("yes", StringComparison.OrdinalIgnoreCase);
                text = new FlowedToText { DeleteSpace = deleteSpace }.Convert(text);
            }

            return text;
        }

        var html = email.BodyParts.OfType<TextPart>().FirstOrDefault(p => p.IsHtml && !p.IsAttachment);
        return html is null ? "" : HtmlAsText(html.Text);
    }

    /// <summary>
    /// HTML as the lines a plain-text client would show: blocks on lines of their own, what is inside a
    /// <c>blockquote</c> quoted with "&gt; ", a horizontal rule as a delimiter line (Outlook's), no scripts or styles.
    /// </summary>
    private static string HtmlAsText(string html)
    {
        var text = new StringBuilder();
        var (depth, skipping) = (0, 0);
        var line = new StringBuilder();

        void EndLine()
        {
            var content = line.ToString().Trim();
            line.Clear();
            text.Append(depth > 0 ? string.Concat(Enumerable.Repeat("> ", depth)) : "").Append(content).Append('\n');
        }

        using var reader = new StringReader(html);
        var tokenizer = new HtmlTokenizer(reader);
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlDataToken data when skipping == 0:
                    line.Append(System.Text.RegularExpressions.Regex.Replace(data.Data, @"\s+", " "));
                    break;
                case HtmlTagToken tag:
                    switch (tag.Id)
                    {
                        case HtmlTagId.Script or HtmlTagId.Style or HtmlTagId.Head or HtmlTagId.Title:
                            skipping +=
                                tag.IsEndTag ? -1
                                : tag.IsEmptyElement ? 0
                                : 1;
                            skipping = Math.Max(0, skipping);
                            break;
                        case HtmlTagId.BlockQuote:
                            EndLine();
                            depth = Math.Max(0, depth + (tag.IsEndTag ? -1 : 1));
                            break;
                        case HtmlTagId.Br:
                            EndLine();
                            break;
                        case HtmlTagId.HR:
                            EndLine();
                            text.Append("________________________________\n");
                            break;
                        case HtmlTagId.P
                        or HtmlTagId.Div
                        or HtmlTagId.LI
                        or HtmlTagId.TR
                        or HtmlTagId.H1
                        or HtmlTagId.H2
                        or HtmlTagId.H3
                        or HtmlTagId.Table:
                            if (line.Length > 0)
                            {
                                EndLine();
                            }

                            break;
                    }

                    break;
            }
        }

        EndLine();
        return text.ToString(); // the tokenizer decodes entities
    }
}

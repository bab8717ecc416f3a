using System.Globalization;
using System.Net;
using Conversations.Domain.Common;

namespace Conversations.Domain.Email;

/// <summary>
/// The answer to a reply by email that was not posted, in its writer's language: why, what they wrote (so it is not
/// lost), and the conversation's address to answer there.
/// </summary>
public static class ReplyRefusedEmail
{
    public static (string Subject, string Text, string Html) Compose(
        string name,
        string problem,
        string written,
        int maxLength,
        string conversationUrl,
        CultureInfo culture,
        string platform
    )
    {
        var why = problem switch
        {
            ReceiveEmailReply.Expired => EmailWords.Get(culture, "Refused.Expired"),
            ReceiveEmailReply.NothingWritten => EmailWords.Get(culture, "Refused.Empty"),
            ProblemCodes.MessageTooLong => EmailWords.Get(culture, "Refused.TooLong", maxLength),
            ProblemCodes.MessageNotStorable => EmailWords.Get(culture, "Refused.NotStorable"),
            ProblemCodes.SendingTooFast or ProblemCodes.TooOften => EmailWords.Get(culture, "Refused.TooFast"),
            ProblemCodes.AddressNotConfirmed => EmailWords.Get(culture, "Refused.NotConfirmed"),
            _ => EmailWords.Get(culture, "Refused.NotAllowed"),
        };
        var (hello, intro, yours, there) = (
            EmailWords.Get(culture, "Hello", name),
            EmailWords.Get(culture, "Refused.Intro"),
            EmailWords.Get(culture, "Refused.YourText"),
            EmailWords.Get(culture, "Refused.AnswerThere")
        );
        var quoted = string.Join('\n', written.Split('\n').Select(l => $"> {l}"));
        var text = string.IsNullOrWhiteSpace(written)
            ? $"{hello}\n\n{intro} {why}\n\n{there}: {conversationUrl}\n"
            : $"{hello}\n\n{intro} {why}\n\n{yours}\n\n{quoted}\n\n{there}: {conversationUrl}\n";
        var html =
            $"<p>{Encode(hello)}</p><p>{Encode(intro)} {Encode(why)}</p>"
            + (
                string.IsNullOrWhiteSpace(written)
                    ? ""
                    : $"""<p>{Encode(yours)}</p><blockquote style="border-left:3px solid #dddddd;margin:0;padding-left:12px">{Encode(written).Replace("\n", "<br>", StringComparison.Ordinal)}</blockquote>"""
            )
            + $"<p>{LinkEmailLayout.Button(there, conversationUrl)}</p>";
        return ($"{EmailWords.Get(culture, "Refused.Subject")} · {platform}", text, html);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

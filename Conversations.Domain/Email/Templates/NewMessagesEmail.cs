using System.Globalization;
using System.Net;
using System.Text;
using Conversations.Domain.Participants;

namespace Conversations.Domain.Email;

/// <summary>One unread message as the email shows it: who wrote it, when, its text (plain text, never markup).</summary>
public sealed record UnreadLine(string SenderName, DateTimeOffset SentAt, string Body);

/// <summary>
/// The texts of the "new messages" email, in one place (plain text and HTML), so they can be translated later: "3 new
/// messages from Alice Martin and Bob Nguyen", the latest few messages, a button to the conversation, and how to stop
/// these emails.
/// </summary>
public static class NewMessagesEmail
{
    public const int LatestShown = 3;

    /// <summary>Counted exactly up to here; beyond, the email says "99+" (a turn never reads tens of thousands of unread messages to count them).</summary>
    public const int CountedUpTo = 99;

    /// <param name="forGroup">The group's name when the recipient is mailed as one of its managers.</param>
    /// <param name="count">How many unread messages are folded into this one email (more than <see cref="CountedUpTo"/>: "99+").</param>
    /// <param name="senders">Who wrote them, most recent first, each once.</param>
    /// <param name="latest">The latest few, oldest first.</param>
    /// <param name="zone">The recipient's time zone: the messages' times are written in it.</param>
    public static (string Subject, string Text, string Html) Compose(
        string recipientName, string? forGroup, int count, IReadOnlyList<string> senders, IReadOnlyList<UnreadLine> latest, string conversationUrl,
        string unsubscribeUrl, TimeZoneInfo zone)
    {
        var from = Names(senders);
        var to = forGroup is null ? "" : $" for {forGroup}";
        var counted = count > CountedUpTo ? $"{CountedUpTo}+" : count.ToString(CultureInfo.InvariantCulture);
        var subject = count == 1 ? $"New message{to} from {from}" : $"{counted} new messages{to} from {from}";

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Hello {recipientName},\n\n{subject}:\n\n");
        foreach (var line in latest)
        {
            text.Append(CultureInfo.InvariantCulture, $"{line.SenderName}, {TimeZones.Short(line.SentAt, zone)}:\n{line.Body}\n\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"Read and reply: {conversationUrl}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"You get this because a message stayed unread. Stop these emails: {unsubscribeUrl}\n");

        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<p>Hello {Encode(recipientName)},</p><p><strong>{Encode(subject)}</strong></p>");
        foreach (var line in latest)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<p><strong>{Encode(line.SenderName)}</strong>, {TimeZones.Short(line.SentAt, zone)}<br>{Encode(line.Body).Replace("\n", "<br>", StringComparison.Ordinal)}</p>");
        }

        html.Append(CultureInfo.InvariantCulture,
            $"""<p><a href="{Encode(conversationUrl)}" style="display:inline-block;padding:10px 18px;background:#3f51b5;color:#ffffff;text-decoration:none;border-radius:4px">Read and reply</a></p>""");
        html.Append(CultureInfo.InvariantCulture,
            $"""<p style="color:#555555;font-size:small">You get this because a message stayed unread. <a href="{Encode(unsubscribeUrl)}">Stop these emails</a>.</p>""");
        return (subject, text.ToString(), html.ToString());
    }

    /// <summary>"Alice", "Alice and Bob", "Alice, Bob and Carol", "Alice, Bob and 2 others".</summary>
    public static string Names(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "",
        1 => names[0],
        2 => $"{names[0]} and {names[1]}",
        3 => $"{names[0]}, {names[1]} and {names[2]}",
        _ => $"{names[0]}, {names[1]} and {names.Count - 2} others",
    };

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

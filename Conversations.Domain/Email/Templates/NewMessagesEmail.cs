using System.Globalization;
using System.Net;
using System.Text;
using Conversations.Domain.Common;
using Conversations.Domain.Participants;

namespace Conversations.Domain.Email;

/// <summary>One unread message as the email shows it: who wrote it, when, its text (plain text, never markup).</summary>
public sealed record UnreadLine(string SenderName, DateTimeOffset SentAt, string Body);

/// <summary>
/// The "new messages" email, in the recipient's language (plain text and HTML): "3 new
/// messages from Alice Martin and Bob Nguyen", the latest few messages, a button to the conversation, and how to stop
/// these emails.
/// </summary>
public static class NewMessagesEmail
{
    public const int LatestShown = 3;

    /// <summary>Counted exactly up to here (<see cref="Messaging.UnreadShown"/>); beyond, the email says "99+" (a turn never reads tens of thousands of unread messages to count them).</summary>
    public const int CountedUpTo = Messaging.UnreadShown.UpTo;

    /// <param name="forGroup">The group's name when the recipient is mailed as one of its managers.</param>
    /// <param name="count">How many unread messages are folded into this one email (more than <see cref="CountedUpTo"/>: "99+").</param>
    /// <param name="senders">Who wrote them, most recent first, each once.</param>
    /// <param name="latest">The latest few, oldest first.</param>
    /// <param name="zone">The recipient's time zone: the messages' times are written in it.</param>
    /// <param name="culture">The recipient's language: the words, the times and the numbers are written in it.</param>
    /// <param name="platform">The platform's name, at the end of the subject: "New message from Alice · Riverside Participa".</param>
    public static (string Subject, string Text, string Html) Compose(
        string recipientName,
        string? forGroup,
        int count,
        IReadOnlyList<string> senders,
        IReadOnlyList<UnreadLine> latest,
        string conversationUrl,
        string unsubscribeUrl,
        TimeZoneInfo zone,
        CultureInfo culture,
        string platform,
        bool answerable = false
    )
    {
        var from = Names(senders, culture);
        var counted = Messaging.UnreadShown.Of(count, culture);
        var form = Plurals.IsOne(culture, count) ? "One" : "Other";
        var subject = forGroup is null
            ? EmailWords.Get(culture, $"New.Subject.{form}", from, counted)
            : EmailWords.Get(culture, $"New.SubjectForGroup.{form}", from, counted, forGroup);
        var (hello, readAndReply, why, stop) = (
            EmailWords.Get(culture, "Hello", recipientName),
            EmailWords.Get(culture, "New.ReadAndReply"),
            EmailWords.Get(culture, "New.Why"),
            EmailWords.Get(culture, "New.Stop")
        );

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{hello}\n\n{subject}:\n\n");
        foreach (var line in latest)
        {
            text.Append(
                CultureInfo.InvariantCulture,
                $"{line.SenderName}, {TimeZones.Short(line.SentAt, zone, culture)}:\n{line.Body}\n\n"
            );
        }

        text.Append(CultureInfo.InvariantCulture, $"{readAndReply}: {conversationUrl}\n\n");
        var byEmail = answerable ? EmailWords.Get(culture, "New.AnswerByEmail") : null;
        if (byEmail is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"{byEmail}\n\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"{why} {stop}: {unsubscribeUrl}\n");

        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<p>{Encode(hello)}</p><p><strong>{Encode(subject)}</strong></p>");
        foreach (var line in latest)
        {
            html.Append(
                CultureInfo.InvariantCulture,
                $"<p><strong>{Encode(line.SenderName)}</strong>, {Encode(TimeZones.Short(line.SentAt, zone, culture))}<br>{Encode(line.Body).Replace("\n", "<br>", StringComparison.Ordinal)}</p>"
            );
        }

        html.Append(CultureInfo.InvariantCulture, $"<p>{LinkEmailLayout.Button(readAndReply, conversationUrl)}</p>");
        if (byEmail is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{Encode(byEmail)}</p>");
        }

        html.Append(
            CultureInfo.InvariantCulture,
            $"""<p style="color:#555555;font-size:small">{Encode(why)} <a href="{Encode(unsubscribeUrl)}">{Encode(stop)}</a>.</p>"""
        );
        return ($"{subject} · {platform}", text.ToString(), html.ToString());
    }

    /// <summary>"Alice", "Alice and Bob", "Alice, Bob and Carol", "Alice, Bob and 2 others" (in the recipient's language).</summary>
    public static string Names(IReadOnlyList<string> names, CultureInfo culture) =>
        names.Count switch
        {
            0 => "",
            1 => names[0],
            2 => EmailWords.Get(culture, "Names.Two", names[0], names[1]),
            3 => EmailWords.Get(culture, "Names.Three", names[0], names[1], names[2]),
            _ => EmailWords.Get(culture, "Names.More", names[0], names[1], names.Count - 2),
        };

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

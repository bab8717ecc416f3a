using System.Text.RegularExpressions;

namespace Conversations.Domain.Email;

/// <summary>
/// What a person wrote in a reply to an email, without the email quoted below it, the client's "On … wrote:" line, the
/// headers Outlook copies, their signature or the "Sent from my phone" line. Ported from the rules of Discourse's
/// email reply trimmer (MIT): each line is classified (empty, delimiter, signature, embedded email marker, email header,
/// quote, text), the classes are spelled as a string of letters, and patterns over that string decide where the reply
/// ends. Its markers are extended to the platform's four languages as Gmail, Outlook, Apple Mail and Thunderbird write
/// them (Catalan's "va escriure", French Outlook's "Envoyé :", Apple Mail's "Envoyé de mon iPhone"…).
/// </summary>
public static partial class ReplyTrimmer
{
    private const char Delimiter = 'd';
    private const char Embedded = 'b';
    private const char Empty = 'e';
    private const char Header = 'h';
    private const char Quote = 'q';
    private const char Signature = 's';
    private const char Text = 't';

    private const RegexOptions Line = RegexOptions.CultureInvariant | RegexOptions.Multiline;
    private const RegexOptions LineIgnoringCase = Line | RegexOptions.IgnoreCase;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(1);

    /// <summary>"On … wrote:" in its languages, which clients may fold over several lines.</summary>
    private static readonly Regex[] OnDateSomeoneWrote =
    [
        .. new[]
        {
            // English
            @"^[ \t<>-]*In message (?:(?!\b(?>In message|writes)\b).)+?writes[ \t.:>-]*$",
            @"^[ \t<>-]*(On|At) (?:(?!\b(?>On|wrote|writes|says|said)\b).)+?(wrote|writes|says|said)[ \t.:>-]*$",
            // French
            @"^[ \t<>-]*Le (?:(?!\b(?>Le|nous\sa\sdit|a\s+écrit)\b).)+?(nous\sa\sdit|a\s+écrit)[ \t.:>-]*$",
            // Spanish
            @"^[ \t<>-]*El (?:(?!\b(?>El|escribió)\b).)+?escribió[ \t.:>-]*$",
            // Catalan
            @"^[ \t<>-]*El (?:(?!\b(?>El|va\s+escriure)\b).)+?va\s+escriure[ \t.:>-]*$",
        }.Select(p => new Regex(p, LineIgnoringCase | RegexOptions.Singleline, Patience)),
    ];

    private static readonly Regex DateSomeoneEmail = new(
        @"\d{4}.{1,80}\s?<[^@<>]+@[^@<>.]+\.[^@<>]+>:?$",
        Line,
        Patience
    );

    private static readonly Regex[] EmbeddedMarkers =
    [
        .. OnDateSomeoneWrote,
        DateSomeoneEmail,
        // Some One <someone@example.org> wrote:
        new(@"^.+\b[\w.+-]+@[\w.-]+\.\w{2,}\b.+(wrote|escribió|a écrit|va escriure):?$", Line, Patience),
        // Forwarded and original messages
        .. new[]
        {
            @"^[ \t>]*Begin forwarded message:",
            @"^[ \t>*]*-{2,}[ \t]*(Forwarded|Original|Reply) Message[ \t]*-{2,}",
            @"^[ \t>]*Début du message (transféré|réexpédié) ?:",
            @"^[ \t>*]*-{2,}[ \t]*(Message transféré|Message d'origine)[ \t]*-{2,}",
            @"^[ \t>]*Inicio del mensaje reenviado:",
            @"^[ \t>*]*-{2,}[ \t]*(Mensaje original|Mensaje reenviado)[ \t]*-{2,}",
            @"^[ \t>]*Inici del missatge reenviat:",
            @"^[ \t>*]*-{2,}[ \t]*(Missatge original|Missatge reenviat)[ \t]*-{2,}",
        }.Select(p => new Regex(p, LineIgnoringCase, Patience)),
    ];

    private static readonly Regex[] Signatures =
    [
        .. new[]
        {
            // English
            @"^[ \t]*\w+ from mobile",
            @"^[ \t]*[\(<]*Sent (from|via|with|by) .+[\)>]*",
            @"^[ \t]*From my .{1,20}",
            @"^[ \t]*Get Outlook for ",
            // French
            @"^[ \t]*Envoyé (depuis|de) (mon|ma|Yahoo Mail)",
            @"^[ \t]*Télécharger Outlook pour ",
            // Spanish
            @"^[ \t]*Enviado desde mi ",
            @"^[ \t]*Obtener Outlook para ",
            // Catalan
            @"^[ \t]*Enviat des del meu ",
            @"^[ \t]*Obteniu l'?Outlook per a ",
        }.Select(p => new Regex(p, LineIgnoringCase, Patience)),
    ];

    private static readonly Regex[] Headers =
    [
        // Headers with a date: English, French, Spanish, Catalan
        .. new[] { "Sent", "Date", "Le", "Envoyé", "Enviado", "Fecha", "Enviat", "Data" }.Select(h => new Regex(
            $@"^[ \t*]*{h}[ \t*]*:.*\d+",
            Line,
            Patience
        )),
        // Headers with text
        new(
            @"^[ \t*]*(?:From|To|Cc|Reply-To|Subject|De|Expéditeur|À|Destinataire|Répondre à|Objet|Para|Asunto|Per a|A|Assumpte)[ \t*]*:.*\w+",
            LineIgnoringCase,
            Patience
        ),
    ];

    [GeneratedRegex(@"^[ \t]*[-_,=+~#*ᐧ—]+[ \t]*$")]
    private static partial Regex DelimiterLine();

    [GeneratedRegex(@"^[ \t]*$")]
    private static partial Regex EmptyLine();

    [GeneratedRegex(@"^[ \t]*>")]
    private static partial Regex QuoteLine();

    /// <summary>The reply's own text, trimmed of what surrounds it; empty when nothing of its own is left.</summary>
    public static string Trim(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return "";
        }

        var text = Preprocess(email);
        var lines = text.Split('\n').ToList();
        var pattern = string.Concat(lines.Select(Classify));

        // Everything after the first delimiter ("-- " before a signature, Outlook's line of underscores) goes.
        if (pattern.IndexOf(Delimiter) is var delimiter and >= 0)
        {
            (pattern, lines) = (pattern[..delimiter], lines[..delimiter]);
        }

        // Phones' "Sent from my …" lines, wherever they are.
        while (pattern.IndexOf(Signature) is var signature and >= 0)
        {
            pattern = pattern.Remove(signature, 1);
            lines.RemoveAt(signature);
        }

        // The reply written below the quoted email.
        if (Match(pattern, "^b[^t]+t[et]*$") is not null && Match(pattern, "t[et]*$") is { } below)
        {
            (pattern, lines) = ("", lines[below..]);
        }

        // An embedded email marker not followed by a quote: everything up to the marker.
        if (Match(pattern, "te*b[^q]*$") is { } marker)
        {
            (pattern, lines) = (pattern[..(marker + 1)], lines[..(marker + 1)]);
        }

        // An embedded email marker followed by a long quote: everything up to the marker.
        var quoted = Regex.Match(pattern, "te*b[eqbh]*([te]*)$", RegexOptions.None, Patience);
        if (quoted.Success && quoted.Groups[1].Value.Count(c => c == Text) < 7)
        {
            (pattern, lines) = (pattern[..(quoted.Index + 1)], lines[..(quoted.Index + 1)]);
        }

        // Some text before a quote that ends the email: the quote goes.
        if (Match(pattern, "t?e*[qbe]+$") is { } quote)
        {
            (pattern, lines) = (pattern[..(quote + 1)], lines[..(quote + 1)]);
        }

        // Other embedded email markers.
        while (pattern.IndexOf(Embedded) is var embedded and >= 0)
        {
            pattern = pattern.Remove(embedded, 1);
            lines.RemoveAt(embedded);
        }

        // Email headers folded over several lines.
        var folded = Regex.Match(pattern, "h+[hte]+h+e", RegexOptions.None, Patience);
        if (folded.Success)
        {
            pattern =
                pattern[..folded.Index] + new string(Header, folded.Length) + pattern[(folded.Index + folded.Length)..];
        }

        // Three email headers in a row (Outlook's "From:", "Sent:", "To:"…): everything up to them.
        if (Match(pattern, "t[eq]*h{3,}") is { } headers)
        {
            (pattern, lines) = (pattern[..(headers + 1)], lines[..(headers + 1)]);
        }

        while (pattern.IndexOf(Header) is var header and >= 0)
        {
            pattern = pattern.Remove(header, 1);
            lines.RemoveAt(header);
        }

        // Trailing quotes after some text.
        if (pattern.Contains(Text) && Match(pattern, "[eq]+$") is { } trailing)
        {
            lines = lines[..trailing];
        }

        return string.Join('\n', lines).Trim();
    }

    private static int? Match(string pattern, string expression) =>
        Regex.Match(pattern, expression, RegexOptions.None, Patience) is { Success: true } found ? found.Index : null;

    private static char Classify(string line) =>
        EmptyLine().IsMatch(line) ? Empty
        : DelimiterLine().IsMatch(line) ? Delimiter
        : Signatures.Any(r => r.IsMatch(line)) ? Signature
        : EmbeddedMarkers.Any(r => r.IsMatch(line)) ? Embedded
        : Headers.Any(r => r.IsMatch(line)) ? Header
        : QuoteLine().IsMatch(line) ? Quote
        : Text;

    private static string Preprocess(string email)
    {
        var text = email.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        // "On … wrote:" folded over a few lines becomes one line again.
        foreach (var marker in OnDateSomeoneWrote.Append(DateSomeoneEmail))
        {
            text = marker.Replace(text, m =>
                m.Value.Count(c => c == '\n') > 4
                    ? m.Value
                    : Regex.Replace(m.Value, @"\n+\s*", " ", RegexOptions.None, Patience)
            );
        }

        return text.Trim();
    }
}

using Conversations.Domain.Participants;

namespace Conversations.Domain.Messaging;

/// <summary>
/// The one home of how message text is searched. Each message is indexed in its writer's language (the one they chose,
/// kept on the message when it is written: <see cref="Message.SearchLanguage"/>) through a PostgreSQL text-search
/// configuration that folds accents (<c>unaccent</c>) before stemming, so "velo" finds "vélo" and "bikes" finds "bike";
/// a message of no known language is folded but not stemmed. The words typed are read in every configuration at once and
/// a message matches in any of them, so a Catalan writer's "bicicletes" is found by "bicicleta" typed in any language.
/// The migration <c>SearchMessages</c> creates the configurations and the stored vector with these same names.
/// </summary>
public static class SearchText
{
    /// <summary>At most this many characters are searched for.</summary>
    public const int MaxLength = 200;

    /// <summary>The highlighted words of a snippet start and end with these (control characters never stored in a message).</summary>
    public const char MarkStart = '\u0002',
        MarkEnd = '\u0003';

    /// <summary>The configuration of each supported language (<see cref="Languages.Supported"/>).</summary>
    internal static readonly IReadOnlyDictionary<string, string> Configurations = new Dictionary<string, string>
    {
        ["en"] = "conversations_en",
        ["es"] = "conversations_es",
        ["ca"] = "conversations_ca",
        ["fr"] = "conversations_fr",
    };

    /// <summary>For a message of no supported language: accents folded, words as they are.</summary>
    internal const string Folded = "conversations_simple";

    /// <summary>SQL: the configuration a message with the language column <paramref name="language"/> is indexed in.</summary>
    internal static string ConfigurationSql(string language) =>
        $"(CASE {language} {string.Join(" ", Configurations.Select(c => $"WHEN '{c.Key}' THEN '{c.Value}'::regconfig"))} ELSE '{Folded}'::regconfig END)";

    /// <summary>SQL: the words typed (<paramref name="words"/>, web-search syntax: quotes, "or", "-") in every configuration.</summary>
    internal static string QuerySql(string words) =>
        "("
        + string.Join(
            " || ",
            Configurations.Values.Append(Folded).Select(c => $"websearch_to_tsquery('{c}'::regconfig, {words})")
        )
        + ")";

    /// <summary>SQL: the message row <paramref name="message"/>'s text cut around the words found, with their marks.</summary>
    internal static string SnippetSql(string message, string query) =>
        $"""ts_headline({ConfigurationSql($"{message}.\"SearchLanguage\"")}, {message}."Body", {query}, 'StartSel={MarkStart}, StopSel={MarkEnd}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "')""";

    /// <summary>The words typed, trimmed; a problem when there are none, too many, or characters that cannot be typed.</summary>
    public static Common.Result<string> Check(string? words)
    {
        var text = (words ?? "").Trim();
        if (text.Length == 0)
        {
            return new Common.Invalid("Words", Common.ProblemCodes.SearchWordsEmpty);
        }

        if (text.Length > MaxLength)
        {
            return new Common.Invalid("Words", Common.ProblemCodes.SearchWordsTooLong, MaxLength);
        }

        return Common.PlainText.IsPlain(text)
            ? text
            : new Common.Invalid("Words", Common.ProblemCodes.SearchWordsNotPlain);
    }
}

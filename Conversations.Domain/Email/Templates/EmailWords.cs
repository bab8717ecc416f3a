using System.Globalization;
using System.Resources;

namespace Conversations.Domain.Email;

/// <summary>
/// The words of the emails, in the recipient's language: <c>EmailWords.resx</c> (English, the source) and its
/// languages beside it. Emails are written here, where their words are shown, so they stay next to their templates.
/// </summary>
internal static class EmailWords
{
    private static readonly ResourceManager Resources = new(typeof(EmailWords).FullName!, typeof(EmailWords).Assembly);

    public static string Get(CultureInfo culture, string key, params object[] args)
    {
        var text = Resources.GetString(key, culture)
            ?? throw new InvalidOperationException($"The email text '{key}' is missing from EmailWords.resx.");
        return args.Length == 0 ? text : string.Format(culture, text, args);
    }
}

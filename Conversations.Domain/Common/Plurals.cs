using System.Globalization;

namespace Conversations.Domain.Common;

/// <summary>
/// Which plural form a count takes, by the CLDR rules of the languages the platform speaks: English, Spanish and Catalan
/// say "1 message" and "0 messages"; French says "0 message" and "1 message" (zero is singular). A language with more
/// forms (Polish, Arabic) would add its rule here and its forms to the resources.
/// </summary>
public static class Plurals
{
    public static bool IsOne(CultureInfo culture, long count) =>
        culture.TwoLetterISOLanguageName switch
        {
            "fr" => count is 0 or 1,
            _ => count == 1,
        };
}

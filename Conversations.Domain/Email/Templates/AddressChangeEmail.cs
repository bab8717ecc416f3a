using System.Globalization;

namespace Conversations.Domain.Email;

/// <summary>The email that confirms a new address asked for in Settings, in the person's language (plain text and HTML).</summary>
public static class AddressChangeEmail
{
    /// <param name="platform">The platform's name (<see cref="Common.PlatformOptions.Name"/>), which the words name.</param>
    public static (string Subject, string Text, string Html) Compose(
        string name,
        string newAddress,
        string confirmUrl,
        string platform,
        CultureInfo culture
    ) =>
        LinkEmailLayout.Compose(
            culture,
            EmailWords.Get(culture, "Change.Subject", platform),
            name,
            EmailWords.Get(culture, "Change.Intro", newAddress, platform),
            EmailWords.Get(culture, "Change.Button"),
            confirmUrl,
            EmailWords.Get(culture, "Change.NotYou")
        );
}

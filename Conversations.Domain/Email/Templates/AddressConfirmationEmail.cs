using System.Globalization;

namespace Conversations.Domain.Email;

/// <summary>The "confirm your email address" email sent at registration, in the person's language (plain text and HTML).</summary>
public static class AddressConfirmationEmail
{
    /// <param name="platform">The platform's name (<see cref="Common.PlatformOptions.Name"/>), which the words name.</param>
    public static (string Subject, string Text, string Html) Compose(
        string name,
        string confirmUrl,
        string platform,
        CultureInfo culture
    ) =>
        LinkEmailLayout.Compose(
            culture,
            EmailWords.Get(culture, "Confirm.Subject", platform),
            name,
            EmailWords.Get(culture, "Confirm.Intro", platform),
            EmailWords.Get(culture, "Confirm.Button"),
            confirmUrl,
            EmailWords.Get(culture, "Confirm.NotYou")
        );
}

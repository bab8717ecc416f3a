using System.Globalization;

namespace Conversations.Domain.Email;

/// <summary>The "reset your password" email, in the person's language (plain text and HTML).</summary>
public static class PasswordResetEmail
{
    /// <param name="platform">The platform's name (<see cref="Common.PlatformOptions.Name"/>), which the words name.</param>
    public static (string Subject, string Text, string Html) Compose(
        string name,
        string resetUrl,
        string platform,
        CultureInfo culture
    ) =>
        LinkEmailLayout.Compose(
            culture,
            EmailWords.Get(culture, "Reset.Subject", platform),
            name,
            EmailWords.Get(culture, "Reset.Intro", platform),
            EmailWords.Get(culture, "Reset.Button"),
            resetUrl,
            EmailWords.Get(culture, "Reset.NotYou")
        );
}

using System.Globalization;

namespace Conversations.Domain.Email;

/// <summary>The "reset your password" email, in the person's language (plain text and HTML).</summary>
public static class PasswordResetEmail
{
    public static (string Subject, string Text, string Html) Compose(string name, string resetUrl, CultureInfo culture) =>
        LinkEmailLayout.Compose(culture, EmailWords.Get(culture, "Reset.Subject"), name, EmailWords.Get(culture, "Reset.Intro"),
            EmailWords.Get(culture, "Reset.Button"), resetUrl, EmailWords.Get(culture, "Reset.NotYou"));
}

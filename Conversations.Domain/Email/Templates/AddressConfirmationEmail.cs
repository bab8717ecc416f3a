using System.Globalization;

namespace Conversations.Domain.Email;

/// <summary>The "confirm your email address" email sent at registration, in the person's language (plain text and HTML).</summary>
public static class AddressConfirmationEmail
{
    public static (string Subject, string Text, string Html) Compose(string name, string confirmUrl, CultureInfo culture) =>
        LinkEmailLayout.Compose(culture, EmailWords.Get(culture, "Confirm.Subject"), name, EmailWords.Get(culture, "Confirm.Intro"),
            EmailWords.Get(culture, "Confirm.Button"), confirmUrl, EmailWords.Get(culture, "Confirm.NotYou"));
}

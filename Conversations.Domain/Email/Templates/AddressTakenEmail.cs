using System.Globalization;
using Conversations.Domain.Common;

namespace Conversations.Domain.Email;

/// <summary>
/// The email sent instead of a confirmation when someone asks to move their account to an address that another account
/// already uses, in the owner's language: the page answers the same either way, only the owner of the address learns it.
/// </summary>
public static class AddressTakenEmail
{
    /// <summary>With the site's own log-in and forgot-password pages.</summary>
    public static (string Subject, string Text, string Html) Compose(Uri site, string platform, CultureInfo culture) =>
        Compose(
            new Uri(site, Links.Login).ToString(),
            new Uri(site, Links.ForgotPassword).ToString(),
            platform,
            culture
        );

    public static (string Subject, string Text, string Html) Compose(
        string loginUrl,
        string resetUrl,
        string platform,
        CultureInfo culture
    )
    {
        string Say(string key) => EmailWords.Get(culture, key);
        var (hello, intro, ifYou, logIn, reset, notYou) = (
            Say("HelloNoName"),
            EmailWords.Get(culture, "Taken.Intro", platform),
            Say("Taken.IfYou"),
            Say("Taken.LogIn"),
            Say("Taken.Reset"),
            Say("Taken.NotYou")
        );
        var text = $"{hello}\n\n{intro}\n\n{ifYou}\n{logIn}: {loginUrl}\n{reset}: {resetUrl}\n\n{notYou}\n";
        // csharpier-ignore
        var html = $"""
            <p>{LinkEmailLayout.Encode(hello)}</p>
            <p>{LinkEmailLayout.Encode(intro)}</p>
            <p>{LinkEmailLayout.Encode(ifYou)} <a href="{LinkEmailLayout.Encode(loginUrl)}">{LinkEmailLayout.Encode(logIn)}</a> · <a href="{LinkEmailLayout.Encode(resetUrl)}">{LinkEmailLayout.Encode(reset)}</a></p>
            <p style="color:#555555;font-size:small">{LinkEmailLayout.Encode(notYou)}</p>
            """;
        return (EmailWords.Get(culture, "Taken.Subject", platform), text, html);
    }
}

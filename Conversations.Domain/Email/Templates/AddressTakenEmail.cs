using System.Net;

namespace Conversations.Domain.Email;

/// <summary>
/// The texts of the email sent instead of a confirmation when someone asks to move their account to an address that
/// another account already uses: the page answers the same either way, only the owner of the address learns it.
/// </summary>
public static class AddressTakenEmail
{
    /// <summary>With the site's own log-in and forgot-password pages.</summary>
    public static (string Subject, string Text, string Html) Compose(Uri site) =>
        Compose(new Uri(site, "Account/Login").ToString(), new Uri(site, "Account/ForgotPassword").ToString());

    public static (string Subject, string Text, string Html) Compose(string loginUrl, string resetUrl)
    {
        const string subject = "Your address is already used on Conversations";
        var text = $"""
            Hello,

            Someone asked to use this address for a Conversations account, but an account already uses it, so nothing changed.

            If it was you, log in with this address: {loginUrl}
            Forgot the password? Choose a new one: {resetUrl}

            If it was not you, do nothing.
            """;
        var html = $"""
            <p>Hello,</p>
            <p>Someone asked to use this address for a Conversations account, but an account already uses it, so nothing changed.</p>
            <p>If it was you, <a href="{WebUtility.HtmlEncode(loginUrl)}">log in with this address</a>, or <a href="{WebUtility.HtmlEncode(resetUrl)}">choose a new password</a> if you forgot it.</p>
            <p style="color:#555555;font-size:small">If it was not you, do nothing.</p>
            """;
        return (subject, text, html);
    }
}

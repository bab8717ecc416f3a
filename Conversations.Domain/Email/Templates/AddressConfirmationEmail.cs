using System.Net;

namespace Conversations.Domain.Email;

/// <summary>The texts of the "confirm your email address" email sent at registration, in one place (plain text and HTML).</summary>
public static class AddressConfirmationEmail
{
    public static (string Subject, string Text, string Html) Compose(string name, string confirmUrl)
    {
        const string subject = "Confirm your email address for Conversations";
        var text = $"""
            Hello {name},

            Welcome to Conversations. To start conversations and write messages, confirm that this address is yours by
            opening this link within three days:

            {confirmUrl}

            If you did not create an account, do nothing: without confirmation the account cannot write to anyone.
            """;
        var html = $"""
            <p>Hello {WebUtility.HtmlEncode(name)},</p>
            <p>Welcome to Conversations. To start conversations and write messages, confirm that this address is yours within three days:</p>
            <p><a href="{WebUtility.HtmlEncode(confirmUrl)}" style="display:inline-block;padding:10px 18px;background:#3f51b5;color:#ffffff;text-decoration:none;border-radius:4px">Confirm my address</a></p>
            <p style="color:#555555;font-size:small">If you did not create an account, do nothing: without confirmation the account cannot write to anyone.</p>
            """;
        return (subject, text, html);
    }
}

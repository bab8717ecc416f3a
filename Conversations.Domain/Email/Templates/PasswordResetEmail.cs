using System.Net;

namespace Conversations.Domain.Email;

/// <summary>The texts of the "reset your password" email, in one place (plain text and HTML).</summary>
public static class PasswordResetEmail
{
    public static (string Subject, string Text, string Html) Compose(string name, string resetUrl)
    {
        const string subject = "Reset your Conversations password";
        var text = $"""
            Hello {name},

            Someone asked to reset the password of your Conversations account. To choose a new password, open this link
            within an hour (it works once):

            {resetUrl}

            If it was not you, do nothing: your password stays as it is.
            """;
        var html = $"""
            <p>Hello {WebUtility.HtmlEncode(name)},</p>
            <p>Someone asked to reset the password of your Conversations account. To choose a new password, use this button within an hour (it works once):</p>
            <p><a href="{WebUtility.HtmlEncode(resetUrl)}" style="display:inline-block;padding:10px 18px;background:#3f51b5;color:#ffffff;text-decoration:none;border-radius:4px">Choose a new password</a></p>
            <p style="color:#555555;font-size:small">If it was not you, do nothing: your password stays as it is.</p>
            """;
        return (subject, text, html);
    }
}

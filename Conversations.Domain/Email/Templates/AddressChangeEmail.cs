using System.Net;

namespace Conversations.Domain.Email;

/// <summary>The texts of the email that confirms a new address asked for in Settings, in one place (plain text and HTML).</summary>
public static class AddressChangeEmail
{
    public static (string Subject, string Text, string Html) Compose(string name, string newAddress, string confirmUrl)
    {
        const string subject = "Confirm your new email address for Conversations";
        var text = $"""
            Hello {name},

            You asked to use {newAddress} for your Conversations account. Your address changes when you open this link,
            within three days (it works once):

            {confirmUrl}

            If it was not you, do nothing: your account keeps its address.
            """;
        var html = $"""
            <p>Hello {WebUtility.HtmlEncode(name)},</p>
            <p>You asked to use {WebUtility.HtmlEncode(newAddress)} for your Conversations account. Your address changes when you use this button, within three days (it works once):</p>
            <p><a href="{WebUtility.HtmlEncode(confirmUrl)}" style="display:inline-block;padding:10px 18px;background:#3f51b5;color:#ffffff;text-decoration:none;border-radius:4px">Use this address</a></p>
            <p style="color:#555555;font-size:small">If it was not you, do nothing: your account keeps its address.</p>
            """;
        return (subject, text, html);
    }
}

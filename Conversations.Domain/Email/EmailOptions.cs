namespace Conversations.Domain.Email;

/// <summary>How a connection to a mail server (SMTP out, IMAP in) is secured.</summary>
public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}

internal static class SmtpSecurityExtensions
{
    /// <summary>As MailKit's clients take it.</summary>
    public static MailKit.Security.SecureSocketOptions ForMailKit(this SmtpSecurity security) =>
        security switch
        {
            SmtpSecurity.None => MailKit.Security.SecureSocketOptions.None,
            SmtpSecurity.SslOnConnect => MailKit.Security.SecureSocketOptions.SslOnConnect,
            _ => MailKit.Security.SecureSocketOptions.StartTls,
        };
}

/// <summary>The "Email" section of appsettings.json. With no <see cref="SmtpOptions.Host"/>, no email is written or sent.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>The sender, as <c>Name &lt;address&gt;</c> or an address.</summary>
    public string From { get; set; } = "Conversations <no-reply@localhost>";

    /// <summary>The base of every link in an email (the site as people reach it).</summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:5000/";

    /// <summary>How long a message stays unread before its reader is mailed about it.</summary>
    public TimeSpan NotifyAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often each server looks for conversations to mail about, and for emails to send.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Tries of one email before it is left marked failed (with growing waits between them).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Answering a new-message email from one's mail client (<see cref="ReplyOptions"/>).</summary>
    public ReplyOptions Replies { get; set; } = new();

    public bool Enabled => !string.IsNullOrWhiteSpace(Smtp.Host);

    /// <summary>New-message emails carry a reply address, and the replies' mailbox is read.</summary>
    public bool RepliesEnabled =>
        Enabled && Replies.Address.Contains('@') && !string.IsNullOrWhiteSpace(Replies.Imap.Host);

    /// <summary>The platform's name every email carries (<see cref="Common.PlatformOptions.Name"/>, set by the domain's wiring).</summary>
    public string PlatformName { get; set; } = new Common.PlatformOptions().Name;

    /// <summary><see cref="PublicUrl"/> as the base of relative links.</summary>
    public Uri Site => new(PublicUrl.EndsWith('/') ? PublicUrl : PublicUrl + "/");
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 25;

    public string User { get; set; } = "";

    public string Password { get; set; } = "";

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
}

/// <summary>
/// The "Email:Replies" section. Every new-message email carries the reply address <c>local+KEY@domain</c> made from
/// <see cref="Address"/>; the mail that reaches that address's mailbox is read over IMAP (<see cref="Imap"/>) by one
/// server at a time and posted as its sender. With no <see cref="Address"/> or IMAP host, emails carry no reply address.
/// </summary>
public sealed class ReplyOptions
{
    /// <summary>The mailbox replies are delivered to, as <c>local@domain</c>; its keys go after a '+' in the local part.</summary>
    public string Address { get; set; } = "";

    public ImapOptions Imap { get; set; } = new();

    /// <summary>How often the mailbox is looked at.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromSeconds(10);
}

public sealed class ImapOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 993;

    public string User { get; set; } = "";

    public string Password { get; set; } = "";

    public SmtpSecurity Security { get; set; } = SmtpSecurity.SslOnConnect;

    /// <summary>The folder replies arrive in.</summary>
    public string Folder { get; set; } = "INBOX";
}

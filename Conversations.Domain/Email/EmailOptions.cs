namespace Conversations.Domain.Email;

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
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

    public bool Enabled => !string.IsNullOrWhiteSpace(Smtp.Host);

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

namespace Conversations.Tests.Support;

/// <summary>Another app server on the shared test database with email on, sending to the test's own SMTP server.</summary>
public static class EmailApp
{
    public static Task<AppHost> StartAsync(string connectionString, SmtpCatcher smtp) =>
        StartAsync(connectionString, smtp.Port, new Dictionary<string, string>());

    /// <summary>With its replies' mailbox on <paramref name="mail"/>'s IMAP, and new messages mailed as soon as unread.</summary>
    public static Task<AppHost> StartWithRepliesAsync(
        string connectionString,
        MailServer mail,
        string repliesAddress
    ) =>
        StartAsync(
            connectionString,
            mail.SmtpPort,
            new Dictionary<string, string>
            {
                ["Email:NotifyAfter"] = "00:00:00",
                ["Email:Replies:Address"] = repliesAddress,
                ["Email:Replies:Imap:Host"] = "127.0.0.1",
                ["Email:Replies:Imap:Port"] = mail.ImapPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Email:Replies:Imap:Security"] = "None",
                ["Email:Replies:Imap:User"] = "replies",
                ["Email:Replies:Imap:Password"] = "replies",
                ["Email:Replies:CheckEvery"] = "00:00:00.200",
            }
        );

    private static async Task<AppHost> StartAsync(
        string connectionString,
        int smtpPort,
        Dictionary<string, string> more
    )
    {
        var settings = new Dictionary<string, string>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:PublicUrl"] = "https://conversations.test/",
            ["Email:CheckEvery"] = "00:00:00.200",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        var app = new AppHost(connectionString, settings);
        await app.InitializeAsync();
        return app;
    }
}

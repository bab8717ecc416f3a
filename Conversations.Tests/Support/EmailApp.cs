namespace Conversations.Tests.Support;

/// <summary>Another app server on the shared test database with email on, sending to the test's own SMTP server.</summary>
public static class EmailApp
{
    public static async Task<AppHost> StartAsync(string connectionString, SmtpCatcher smtp)
    {
        var app = new AppHost(
            connectionString,
            new Dictionary<string, string>
            {
                ["Email:Smtp:Host"] = "127.0.0.1",
                ["Email:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Email:Smtp:Security"] = "None",
                ["Email:PublicUrl"] = "https://conversations.test/",
                ["Email:CheckEvery"] = "00:00:00.200",
            }
        );
        await app.InitializeAsync();
        return app;
    }
}

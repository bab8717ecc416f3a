using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Tests.Support;

/// <summary>The domain with email on: a real SMTP server in the test process, and a clock the test moves forward.</summary>
public sealed class EmailFixture : DomainFixture
{
    public SmtpCatcher Smtp { get; } = SmtpCatcher.Start();

    public TestClock Clock { get; } = new();

    /// <summary>The settings this fixture's domain was built with (for a second "server" on the same database).</summary>
    public IConfiguration Settings => Configuration();

    protected override void AddServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    protected override IConfiguration Configuration() => new ConfigurationBuilder()
        .AddConfiguration(base.Configuration())
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:From"] = "Conversations <no-reply@conversations.test>",
            ["Email:PublicUrl"] = "https://conversations.test/",
            ["Email:NotifyAfter"] = "00:05:00",
        }).Build();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>The real time, moved forward by as much as the test says (never a fixed wait).</summary>
public sealed class TestClock : TimeProvider
{
    public TimeSpan Ahead { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Ahead;
}

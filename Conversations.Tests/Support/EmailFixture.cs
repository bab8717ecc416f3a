using Conversations.Domain.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Tests.Support;

/// <summary>The domain with email on: a real SMTP server in the test process, and a clock the test moves forward.</summary>
public class EmailFixture : DomainFixture
{
    public SmtpCatcher Smtp { get; } = SmtpCatcher.Start();

    public TestClock Clock { get; } = new();

    /// <summary>The settings this fixture's domain was built with (for a second "server" on the same database).</summary>
    public IConfiguration Settings => Configuration();

    protected override void AddServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    /// <summary>
    /// The clock <paramref name="ahead"/> of now, then every new-message email turn until nothing is due (every due row
    /// of this database, the test's among them), then the outbox sent to <see cref="Smtp"/>.
    /// </summary>
    public async Task MailAfterAsync(TimeSpan ahead)
    {
        Clock.Ahead = ahead;
        while (await Get<NewMessageEmails>().RunOnceAsync() > 0)
        {
            // a full turn: there may be more
        }

        await Get<OutboxSender>().SendDueAsync();
    }

    protected override IConfiguration Configuration() =>
        new ConfigurationBuilder()
            .AddConfiguration(base.Configuration())
            .AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["Email:Smtp:Host"] = "127.0.0.1",
                    ["Email:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["Email:Smtp:Security"] = "None",
                    ["Email:From"] = "Conversations <no-reply@conversations.test>",
                    ["Email:PublicUrl"] = "https://conversations.test/",
                    ["Email:NotifyAfter"] = "00:05:00",
                    ["Platform:Name"] = "Riverside Participa",
                }
            )
            .Build();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>
/// The real time, moved forward by as much as the test says (never a fixed wait) — or, once frozen, a time that moves
/// only when the test moves it, however slow the machine.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset? frozenAt;

    public TimeSpan Ahead { get; set; }

    public override DateTimeOffset GetUtcNow() => (frozenAt ?? base.GetUtcNow()) + Ahead;

    /// <summary>Elapsed times follow the same clock (a frozen clock measures no time passing).</summary>
    public override long GetTimestamp() =>
        frozenAt is null ? base.GetTimestamp() : (GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks;

    public override long TimestampFrequency => frozenAt is null ? base.TimestampFrequency : TimeSpan.TicksPerSecond;

    /// <summary>Stops the clock where it is now.</summary>
    public TestClock Freeze()
    {
        frozenAt = base.GetUtcNow();
        return this;
    }
}

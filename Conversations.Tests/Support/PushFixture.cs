using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Tests.Support;

/// <summary>The domain with a push service of the test's own (<see cref="PushReceiver"/>) and a clock the test moves.</summary>
public sealed class PushFixture : DomainFixture
{
    public PushReceiver Receiver { get; } = PushReceiver.Start();

    public TestClock Clock { get; } = new();

    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(3);

    protected override void AddServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    protected override IConfiguration Configuration() =>
        new ConfigurationBuilder()
            .AddConfiguration(base.Configuration())
            .AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["Push:AllowedEndpoints:0"] = $"{Receiver.Origin}/push/",
                    ["Push:Delay"] = Delay.ToString(),
                    ["Push:Subject"] = "mailto:admin@conversations.test",
                }
            )
            .Build();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Tests.Support;

/// <summary>
/// The domain with the settings of the repository's appsettings.json, rate limits included, and a stopped clock: the
/// buckets drip only when a test moves <see cref="Clock"/>, so a burst is a burst on any machine, however slow.
/// </summary>
public sealed class ConfiguredLimitsFixture : DomainFixture
{
    public TestClock Clock { get; } = new TestClock().Freeze();

    protected override void AddServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    protected override IConfiguration Configuration() =>
        new ConfigurationBuilder().AddJsonFile(Path.Combine(Artifacts.RepositoryRoot, "appsettings.json")).Build();
}

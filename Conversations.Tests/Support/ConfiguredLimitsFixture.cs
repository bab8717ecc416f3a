using Microsoft.Extensions.Configuration;

namespace Conversations.Tests.Support;

/// <summary>The domain with the settings of the repository's appsettings.json, rate limits included.</summary>
public sealed class ConfiguredLimitsFixture : DomainFixture
{
    protected override IConfiguration Configuration() =>
        new ConfigurationBuilder().AddJsonFile(Path.Combine(Artifacts.RepositoryRoot, "appsettings.json")).Build();
}

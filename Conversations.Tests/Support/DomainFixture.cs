using Conversations.Domain;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Tests.Support;

/// <summary>
/// A fresh database and the domain's services wired to it, shared by the tests of one class. Tests build their
/// data faster than any person could type, so sending is not rate-limited here; <see cref="ConfiguredLimitsFixture"/>
/// applies the limits of the repository's appsettings.json.
/// </summary>
public class DomainFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public ServiceProvider Services { get; private set; } = default!;

    public virtual async Task InitializeAsync()
    {
        var server = await PostgresServer.InstanceAsync();
        ConnectionString = await server.CreateDatabaseAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddConversationsDomain(ConnectionString, Configuration());
        AddServices(services);
        Services = services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>For fixtures that replace a part (a clock under the test's control, say).</summary>
    protected virtual void AddServices(IServiceCollection services) { }

    protected virtual IConfiguration Configuration() =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["RateLimits:ConversationsPerHour"] = "1000000",
                    ["RateLimits:MessagesPerMinute"] = "1000000",
                    ["RateLimits:MessageBurst"] = "1000000",
                    ["RateLimits:ChangesPerMinute"] = "1000000",
                    ["RateLimits:GroupsPerDay"] = "1000000",
                    ["RateLimits:SearchesPerMinute"] = "1000000",
                    ["RateLimits:ExportsPerHour"] = "1000000",
                }
            )
            .Build();

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Runs a use case that lives in a request scope (as registration does) in a scope of its own.</summary>
    public async Task<TResult> InScopeAsync<T, TResult>(Func<T, Task<TResult>> use)
        where T : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<T>());
    }

    public async Task<ConversationsDbContext> DbAsync() =>
        await Services.GetRequiredService<IDbContextFactory<ConversationsDbContext>>().CreateDbContextAsync();

    public virtual async Task DisposeAsync() => await Services.DisposeAsync();
}

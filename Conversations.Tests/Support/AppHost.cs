using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Tests.Support;

/// <summary>
/// The whole web app on a real loopback port, with its own fresh database — or, given a connection string, another
/// app server on the same database (as behind a load balancer).
/// </summary>
/// <param name="services">Changes to the app's services (a recording decorator, say), applied after the app's own.</param>
public sealed class AppHost(
    string? sharedConnectionString = null,
    IReadOnlyDictionary<string, string>? settings = null,
    Action<IServiceCollection>? services = null
) : WebApplicationFactory<Program>, IAsyncLifetime
{
    public AppHost()
        : this(null) { }

    public string ConnectionString { get; private set; } = "";

    public string BaseUrl => ClientOptions.BaseAddress.ToString();

    public async Task InitializeAsync()
    {
        ConnectionString = sharedConnectionString ?? await (await PostgresServer.InstanceAsync()).CreateDatabaseAsync();
        // Kestrel on a port of its choosing, given as the app's own address setting (ConfigureWebHost): UseKestrel(0)
        // would have the factory rewrite the server's addresses after building the host, which races the app's own
        // start (dotnet/aspnetcore#67714: "Addresses cannot be modified after the server has started", once in ~12 runs).
        UseKestrel();
        StartServer();
        if (ClientOptions.BaseAddress.IsLoopback is false || ClientOptions.BaseAddress.Port == 0)
        {
            throw new InvalidOperationException(
                $"The app host did not report the port it bound: {ClientOptions.BaseAddress}"
            );
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        builder.UseSetting("ConnectionStrings:Conversations", ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "false");
        builder.UseSetting("Demo:Load", "true");
        builder.UseSetting("RateLimits:AccountFormsPerMinute", "100000"); // every test signs in from 127.0.0.1 (a test of the limit sets its own)
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}

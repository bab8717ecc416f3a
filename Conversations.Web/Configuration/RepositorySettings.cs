using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace Conversations.Web.Configuration;

internal static class RepositorySettings
{
    /// <summary>
    /// The one settings file users edit sits at the repository root and is copied next to the app's binaries.
    /// When the app runs from elsewhere (dotnet run, tests) it is read from there, ranked below environment
    /// variables and the command line as appsettings.json normally is.
    /// </summary>
    public static void AddRepositorySettings(this ConfigurationManager configuration, IHostEnvironment environment)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (File.Exists(Path.Combine(environment.ContentRootPath, "appsettings.json")) || !File.Exists(path))
        {
            return;
        }

        var source = new JsonConfigurationSource
        {
            Path = path,
            Optional = false,
            ReloadOnChange = false,
        };
        source.ResolveFileProvider();
        var sources = configuration.Sources;
        var firstOverride = sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource);
        sources.Insert(firstOverride < 0 ? sources.Count : firstOverride, source);
    }
}

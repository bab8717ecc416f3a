using System.Diagnostics;

namespace Conversations.Tests.Support;

/// <summary>
/// The machine's nginx (Debian's package; ./test.sh installs it) in front of two app servers, configured by the
/// repository's own <c>deploy/nginx.conf.template</c> — the recipe README gives, not a copy of it.
/// </summary>
public sealed class Nginx : IAsyncDisposable
{
    private readonly Process process;
    private readonly DirectoryInfo work;

    private Nginx(Process process, DirectoryInfo work, string baseUrl) =>
        (this.process, this.work, BaseUrl) = (process, work, baseUrl);

    public string BaseUrl { get; }

    public static async Task<Nginx> StartAsync(string serverA, string serverB)
    {
        var binary = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "nginx is not installed: ./test.sh installs it (apt-get install nginx-light)."
            );
        var work = Directory.CreateTempSubdirectory("conversations-nginx-");
        // nginx's workers run as an unprivileged user when started by root: they must reach their temporary folders.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(work.FullName, (UnixFileMode)0b111_101_101);
        }

        var port = PrivateCluster.FreePort();
        var config = Path.Combine(work.FullName, "nginx.conf");
        await File.WriteAllTextAsync(
            config,
            (await File.ReadAllTextAsync(Path.Combine(Artifacts.RepositoryRoot, "deploy", "nginx.conf.template")))
                .Replace("@WORK@", work.FullName, StringComparison.Ordinal)
                .Replace("@LISTEN@", $"127.0.0.1:{port}", StringComparison.Ordinal)
                .Replace("@SERVER_A@", new Uri(serverA).Authority, StringComparison.Ordinal)
                .Replace("@SERVER_B@", new Uri(serverB).Authority, StringComparison.Ordinal)
        );
        var process = Process.Start(
            new ProcessStartInfo(binary)
            {
                ArgumentList = { "-p", work.FullName, "-c", config, "-g", "daemon off;" },
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            }
        )!;
        var nginx = new Nginx(process, work, $"http://127.0.0.1:{port}/");
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx stopped: {await process.StandardError.ReadToEndAsync()}");
            }

            try
            {
                if ((await http.GetAsync($"{nginx.BaseUrl}health/ready")).IsSuccessStatusCode)
                {
                    return nginx;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // not listening yet
            }

            if (DateTime.UtcNow > deadline)
            {
                await nginx.DisposeAsync();
                throw new TimeoutException("nginx did not answer within 30 s.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        work.Delete(recursive: true);
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Conversations.Tests.Support;

namespace Conversations.Tests.Scripts;

/// <summary>README's first command, as a newcomer runs it: a clone in a private folder (mode 700, as root's home is).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public partial class RunScriptTests
{
    [Fact]
    public async Task Run_sh_started_from_a_clone_in_a_private_folder_serves_the_first_page_and_stops_its_database_on_exit()
    {
        var repository = RepositoryRoot();
        var home = Directory.CreateTempSubdirectory("conversations-private-");
        File.SetUnixFileMode(home.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var clone = Path.Combine(home.FullName, "conversations");
        await RunAsync("git", repository, "clone", "-q", repository, clone);
        var port = PrivateCluster.FreePort();
        var output = new ConcurrentQueue<string>();
        using var run = Start(clone, port, PrivateCluster.FreePort(), output);
        string? cluster = null;
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var page = await FirstPageAsync(http, $"http://127.0.0.1:{port}/", run, output);

            page.Should().Contain("Conversations");
            cluster = output.Select(l => ClusterLine().Match(l)).FirstOrDefault(m => m.Success)?.Groups["dir"].Value;
            cluster.Should().NotBeNull("run.sh says where its PostgreSQL keeps its data");
            if (Environment.UserName == "root")
            {
                cluster.Should().NotStartWith(home.FullName, "the postgres user cannot enter the private folder");
            }

            new DirectoryInfo(home.FullName).UnixFileMode.Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, "nobody's folder changes");
        }
        finally
        {
            await StopAsync(run);
            output.Should().Contain(l => l.Contains("Stopping the local PostgreSQL"));
            output.Should().Contain(l => l.Contains("Stopping the mail catcher"), "run.sh starts a mail catcher when no SMTP server is configured, and stops it");
            if (cluster is not null && !cluster.StartsWith(home.FullName, StringComparison.Ordinal) && Directory.Exists(cluster))
            {
                Directory.Delete(cluster, recursive: true);
            }

            home.Delete(recursive: true);
        }
    }

    private static Process Start(string clone, int port, int databasePort, ConcurrentQueue<string> output)
    {
        var start = new ProcessStartInfo("bash", ["./run.sh"]) { WorkingDirectory = clone, RedirectStandardOutput = true, RedirectStandardError = true };
        // A newcomer's shell: none of the test run's own database or MSBuild settings.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("CONVERSATIONS_", StringComparison.Ordinal) || k.StartsWith("ConnectionStrings", StringComparison.Ordinal)
                     || k is "DOTNET_HOST_PATH" or "ASPNETCORE_ENVIRONMENT" or "DOTNET_ENVIRONMENT").ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["LOCAL_PG_PORT"] = databasePort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["MAIL_PORT"] = PrivateCluster.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["MAIL_WEB_PORT"] = PrivateCluster.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Polls the first page until it answers (the script restores, builds and migrates first), or the script ends.</summary>
    private static async Task<string> FirstPageAsync(HttpClient http, string url, Process run, ConcurrentQueue<string> output)
    {
        var deadline = DateTime.UtcNow.AddMinutes(8);
        while (true)
        {
            run.HasExited.Should().BeFalse($"run.sh ended early:\n{string.Join('\n', output)}");
            DateTime.UtcNow.Should().BeBefore(deadline, $"run.sh should serve the first page by now:\n{string.Join('\n', output)}");
            try
            {
                var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadAsStringAsync();
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Still starting.
            }

            await run.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(1)).Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Ctrl+C's signal to the script, which stops the app and its database; the hard way only if it hangs.</summary>
    private static async Task StopAsync(Process run)
    {
        if (!run.HasExited)
        {
            await RunAsync("kill", "/", "-TERM", run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await run.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            run.Kill(entireProcessTree: true);
        }

        run.WaitForExit(); // drains the output readers
    }

    private static async Task RunAsync(string program, string directory, params string[] args)
    {
        var start = new ProcessStartInfo(program, args) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, $"{program} {string.Join(' ', args)}: {await error}");
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Conversations.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("The tests run outside the repository.");
    }

    [GeneratedRegex("Starting the local PostgreSQL in (?<dir>.+) \\(port")]
    private static partial Regex ClusterLine();
}

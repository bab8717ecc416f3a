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
    public async Task Run_sh_from_a_clone_in_a_private_folder_serves_the_first_page_and_a_SIGTERM_to_its_process_group_or_to_it_alone_stops_all_it_started()
    {
        var repository = RepositoryRoot();
        var home = Directory.CreateTempSubdirectory("conversations-private-");
        File.SetUnixFileMode(home.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var clone = Path.Combine(home.FullName, "conversations");
        await RunAsync("git", repository, "clone", "-q", repository, clone);
        string? cluster = null;
        try
        {
            // First run: stopped as `timeout`, a supervisor or a container stop does it — SIGTERM to the whole process group.
            var first = await StartedAsync(clone);
            cluster = first.Cluster;
            if (Environment.UserName == "root")
            {
                cluster.Should().NotStartWith(home.FullName, "the postgres user cannot enter the private folder");
            }

            new DirectoryInfo(home.FullName)
                .UnixFileMode.Should()
                .Be(
                    UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
                    "nobody's folder changes"
                );
            await StopAsync(first, group: true);

            // Second run of the same clone: it finds its cluster (and its demo data) again; SIGTERM to the script alone.
            var second = await StartedAsync(clone);
            second.Cluster.Should().Be(cluster, "a clone's next run finds the cluster it made");
            await StopAsync(second, group: false);

            // What the clone keeps outside its folder, removed on request.
            var clean = await RunAsync("bash", clone, "./run.sh", "--clean");
            if (!cluster.StartsWith(home.FullName, StringComparison.Ordinal))
            {
                clean.Should().Contain(cluster);
                Directory.Exists(cluster).Should().BeFalse("./run.sh --clean removes the cluster it kept elsewhere");
            }
        }
        finally
        {
            if (
                cluster is not null
                && !cluster.StartsWith(home.FullName, StringComparison.Ordinal)
                && Directory.Exists(cluster)
            )
            {
                Directory.Delete(cluster, recursive: true);
            }

            home.Delete(recursive: true);
        }
    }

    private sealed record Started(Process Process, ConcurrentQueue<string> Output, string Cluster, int[] Ports);

    /// <summary>Starts run.sh as the leader of a process group of its own (as a terminal or a supervisor would), and waits for its first page.</summary>
    private static async Task<Started> StartedAsync(string clone)
    {
        var port = PrivateCluster.FreePort();
        var (mailPort, mailWebPort) = (PrivateCluster.FreePort(), PrivateCluster.FreePort());
        var output = new ConcurrentQueue<string>();
        var run = Start(clone, port, PrivateCluster.FreePort(), mailPort, mailWebPort, output);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var page = await FirstPageAsync(http, $"http://127.0.0.1:{port}/", run, output);
        page.Should().Contain("Conversations");
        var line = output.Select(l => ClusterLine().Match(l)).FirstOrDefault(m => m.Success);
        line.Should().NotBeNull("run.sh says where its PostgreSQL keeps its data and on which port");
        var databasePort = int.Parse(line!.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
        int[] ports = [port, databasePort, mailPort, mailWebPort];
        foreach (var listening in ports)
        {
            // the mail catcher may still be starting when the first page answers
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (!await ListensAsync(listening))
            {
                DateTime
                    .UtcNow.Should()
                    .BeBefore(deadline, $"run.sh started something on port {listening}:\n{string.Join('\n', output)}");
                await Task.Delay(200);
            }
        }

        return new Started(run, output, line.Groups["dir"].Value, ports);
    }

    /// <summary>SIGTERM to the script's process group (or to the script alone); then nothing it started listens or runs.</summary>
    private static async Task StopAsync(Started run, bool group)
    {
        var pid = run.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await RunAsync("kill", "/", "-TERM", "--", group ? $"-{pid}" : pid);
        using (var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            try
            {
                await run.Process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                run.Process.Kill(entireProcessTree: true);
            }
        }

        run.Process.WaitForExit(); // drains the output readers
        var said = string.Join('\n', run.Output);
        run.Process.ExitCode.Should()
            .Be(143, $"run.sh ends with SIGTERM's status once it has stopped everything:\n{said}");
        run.Output.Should().Contain(l => l.Contains("Stopping the local PostgreSQL"), said);
        run.Output.Should()
            .Contain(
                l => l.Contains("Stopping the mail catcher"),
                "run.sh starts a mail catcher when no SMTP server is configured, and stops it"
            );
        foreach (var port in run.Ports)
        {
            (await ListensAsync(port))
                .Should()
                .BeFalse(
                    $"nothing run.sh started still listens (port {port}, SIGTERM to the {(group ? "process group" : "script")}):\n{said}"
                );
        }

        File.Exists(Path.Combine(run.Cluster, "postmaster.pid")).Should().BeFalse("the cluster was stopped");
        run.Process.Dispose();
    }

    private static async Task<bool> ListensAsync(int port)
    {
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static Process Start(
        string clone,
        int port,
        int databasePort,
        int mailPort,
        int mailWebPort,
        ConcurrentQueue<string> output
    )
    {
        // setsid: the script leads a process group of its own, as in a terminal, so the group can be signalled.
        var start = new ProcessStartInfo("setsid", ["bash", "./run.sh"])
        {
            WorkingDirectory = clone,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // A newcomer's shell: none of the test run's own database or MSBuild settings.
        foreach (
            var key in start
                .Environment.Keys.Where(k =>
                    k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                    || k.StartsWith("CONVERSATIONS_", StringComparison.Ordinal)
                    || k.StartsWith("ConnectionStrings", StringComparison.Ordinal)
                    || k is "DOTNET_HOST_PATH" or "ASPNETCORE_ENVIRONMENT" or "DOTNET_ENVIRONMENT"
                )
                .ToList()
        )
        {
            start.Environment.Remove(key);
        }

        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["LOCAL_PG_PORT"] = databasePort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["MAIL_PORT"] = mailPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["MAIL_WEB_PORT"] = mailWebPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Enqueue(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Enqueue(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Polls the first page until it answers (the script restores, builds and migrates first), or the script ends.</summary>
    private static async Task<string> FirstPageAsync(
        HttpClient http,
        string url,
        Process run,
        ConcurrentQueue<string> output
    )
    {
        var deadline = DateTime.UtcNow.AddMinutes(8);
        while (true)
        {
            run.HasExited.Should().BeFalse($"run.sh ended early:\n{string.Join('\n', output)}");
            DateTime
                .UtcNow.Should()
                .BeBefore(deadline, $"run.sh should serve the first page by now:\n{string.Join('\n', output)}");
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

            await run.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(1)).Token)
                .ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static async Task<string> RunAsync(string program, string directory, params string[] args)
    {
        var start = new ProcessStartInfo(program, args)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, $"{program} {string.Join(' ', args)}: {await error}");
        return output;
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

    [GeneratedRegex("Starting the local PostgreSQL in (?<dir>.+) \\(port (?<port>[0-9]+)\\)")]
    private static partial Regex ClusterLine();
}

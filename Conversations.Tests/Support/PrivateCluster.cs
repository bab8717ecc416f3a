using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Conversations.Tests.Support;

/// <summary>
/// A PostgreSQL cluster of its own in a temporary folder (owned by the postgres user when the tests run as root):
/// the shared test server when none is given, or a server a test may restart.
/// </summary>
public sealed class PrivateCluster : IAsyncDisposable
{
    private readonly string bin;
    private readonly string data;
    private readonly bool asRoot;
    private readonly int port;

    private PrivateCluster(string bin, string data, bool asRoot, int port) =>
        (this.bin, this.data, this.asRoot, this.port) = (bin, data, asRoot, port);

    public string ConnectionString =>
        $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Include Error Detail=true";

    public static async Task<PrivateCluster> StartAsync(bool deleteOnExit = false)
    {
        var bin = Directory
            .GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => d, StringComparer.Ordinal)
            .FirstOrDefault()
            ?? throw new InvalidOperationException(
                "PostgreSQL is not installed: run ./test.sh, which installs it, or set CONVERSATIONS_TEST_POSTGRES."
            );
        var data = Path.Combine(Path.GetTempPath(), $"conversations-tests-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", "postgres:postgres", data);
        }

        var cluster = new PrivateCluster(bin, data, asRoot, FreePort());
        await cluster.RunAsOwnerAsync(
            "initdb",
            "-D",
            data,
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8"
        );
        await cluster.PgCtlAsync("start");
        if (deleteOnExit)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return cluster;
    }

    /// <summary>Stops the server (every connection is cut) and starts it again on the same port.</summary>
    public Task RestartAsync() => PgCtlAsync("restart", "-m", "fast");

    public async ValueTask DisposeAsync()
    {
        await RunAsOwnerAsync("pg_ctl", "-D", data, "-m", "immediate", "-w", "stop");
        Directory.Delete(data, recursive: true);
    }

    private Task PgCtlAsync(string action, params string[] more) =>
        RunAsOwnerAsync(
            "pg_ctl",
            [
                "-D",
                data,
                "-l",
                Path.Combine(data, "server.log"),
                "-w",
                "-t",
                "60",
                .. more,
                "-o",
                $"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400",
                action,
            ]
        );

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task RunAsOwnerAsync(string program, params string[] args)
    {
        var path = Path.Combine(bin, program);
        return asRoot ? RunAsync("runuser", ["-u", "postgres", "--", path, .. args]) : RunAsync(path, args);
    }

    private static async Task RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        args.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {await error}{await output}"
            );
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Conversations.Tests.Support;

/// <summary>
/// The PostgreSQL server of a test run: the one named by CONVERSATIONS_TEST_POSTGRES, or else a throwaway
/// cluster started here and stopped when the test process exits. Each test class gets a database of its own,
/// copied from a template that is migrated once.
/// </summary>
public sealed class PostgresServer
{
    private const string TemplateName = "conversations_template";
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);
    private readonly string adminConnectionString;
    private readonly SemaphoreSlim createLock = new(1, 1);

    private PostgresServer(string adminConnectionString) => this.adminConnectionString = adminConnectionString;

    public static Task<PostgresServer> InstanceAsync() => Shared.Value;

    /// <summary>Creates an empty, migrated database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"t_{Guid.NewGuid():N}";
        // CREATE DATABASE … TEMPLATE fails while another copy of the same template runs.
        await createLock.WaitAsync();
        try
        {
            await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{TemplateName}\"");
        }
        finally
        {
            createLock.Release();
        }

        return ConnectionStringFor(name);
    }

    /// <summary>Creates a database with no schema at all.</summary>
    public async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = $"e_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return ConnectionStringFor(name);
    }

    private string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database, MaxPoolSize = 40 }.ConnectionString;

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable("CONVERSATIONS_TEST_POSTGRES");
        var server = new PostgresServer(string.IsNullOrWhiteSpace(configured) ? await LocalCluster.StartAsync() : configured);
        await server.ExecuteAsync($"DROP DATABASE IF EXISTS \"{TemplateName}\"");
        await server.ExecuteAsync($"CREATE DATABASE \"{TemplateName}\"");
        var options = new DbContextOptionsBuilder<ConversationsDbContext>().UseNpgsql(server.ConnectionStringFor(TemplateName)).Options;
        await using (var db = new ConversationsDbContext(options))
        {
            await db.Database.MigrateAsync();
        }

        NpgsqlConnection.ClearAllPools(); // a template must have no open connections while it is copied
        return server;
    }

    /// <summary>A private cluster in a temporary folder, owned by the postgres user when the tests run as root.</summary>
    private static class LocalCluster
    {
        public static async Task<string> StartAsync()
        {
            var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
                ?? throw new InvalidOperationException("PostgreSQL is not installed: run ./test.sh, which installs it, or set CONVERSATIONS_TEST_POSTGRES.");
            var data = Path.Combine(Path.GetTempPath(), $"conversations-tests-{Environment.ProcessId}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(data);
            var asRoot = Environment.UserName == "root";
            if (asRoot)
            {
                await RunAsync("chown", "postgres:postgres", data);
            }

            var port = FreePort();
            await RunAsOwnerAsync(asRoot, Path.Combine(bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
            await RunAsOwnerAsync(asRoot, Path.Combine(bin, "pg_ctl"), "-D", data, "-l", Path.Combine(data, "server.log"), "-w", "-t", "60",
                "-o", $"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400", "start");
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                RunAsOwnerAsync(asRoot, Path.Combine(bin, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop").GetAwaiter().GetResult();
                Directory.Delete(data, recursive: true);
            };
            return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Include Error Detail=true";
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        private static Task RunAsOwnerAsync(bool asRoot, string program, params string[] args) =>
            asRoot ? RunAsync("runuser", ["-u", "postgres", "--", program, .. args]) : RunAsync(program, args);

        private static async Task RunAsync(string program, params string[] args)
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
            args.ToList().ForEach(start.ArgumentList.Add);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {await error}{await output}");
            }
        }
    }
}

using Conversations.Bench.Generation;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Conversations.Bench;

/// <summary>The benchmark's command line (a class of its own: the web app it hosts already has a <c>Program</c>).</summary>
public static class BenchCommand
{
    public static async Task<int> Main(string[] args)
    {
        // dotnet Conversations.Bench.dll generate "<connection string>" [--scale 0.1]
        // dotnet Conversations.Bench.dll run "<connection string>" [--quick] [--only email,search]
        // dotnet Conversations.Bench.dll live "<connection string>" --server <Conversations.Web.dll> [--quick] [--plot file.svg] [--nginx] [--circuits-only]
        // dotnet Conversations.Bench.dll probe <site> <path>   (BENCH_COOKIE: a signed-in cookie header) opens one circuit
        if (args.Length == 3 && args[0] == "probe")
        {
            using var http = new HttpClient();
            await using var circuit = await Circuits.BlazorCircuit.OpenAsync(
                new Uri(args[1]),
                args[2],
                Environment.GetEnvironmentVariable("BENCH_COOKIE") ?? "",
                http
            );
            Console.WriteLine(
                $"badge {circuit.Badge} after {circuit.TimeToInteractive.TotalMilliseconds:0} ms (prerender {circuit.Prerender.TotalMilliseconds:0} ms), {circuit.RenderBatches} render batches, {circuit.RenderBytes:N0} bytes"
            );
            return 0;
        }

        // dotnet Conversations.Bench.dll heap <site> <pid> [windows]   where an app server's memory per inbox circuit goes:
        // its live objects by type before and after opening that many inbox windows (people of .data/live-load-cookies.tsv)
        if (args.Length is 3 or 4 && args[0] == "heap")
        {
            var windows =
                args.Length == 4 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 200;
            await LiveLoad.ProfileCircuitsAsync(
                new Uri(args[1]),
                int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture),
                windows,
                Console.Out
            );
            return 0;
        }

        if (args.Length < 2 || args[0] is not ("generate" or "run" or "live"))
        {
            Console.Error.WriteLine(
                "usage: Conversations.Bench (generate|run|live) \"<connection string>\" [--scale F] [--quick] [--server DLL] [--plot SVG]"
            );
            return 2;
        }

        var connectionString = args[1];
        var scale = args.SkipWhile(a => a != "--scale").Skip(1).Select(double.Parse).FirstOrDefault(1.0);
        if (args[0] == "generate")
        {
            await using (
                var context = new ConversationsDbContext(
                    new DbContextOptionsBuilder<ConversationsDbContext>().UseNpgsql(connectionString).Options
                )
            )
            {
                await context.Database.MigrateAsync();
            }

            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await new DataGenerator(dataSource, Shape.Full.Scaled(scale), Console.Out).GenerateAsync();
            return 0;
        }

        if (args[0] == "live")
        {
            string Option(string name, string fallback) =>
                args.SkipWhile(a => a != name).Skip(1).FirstOrDefault(fallback);
            return await LiveLoad.RunAsync(
                connectionString,
                new LiveLoad.Options(
                    args.Contains("--quick"),
                    ".data",
                    Option("--server", ".data/bench-web/Conversations.Web.dll"),
                    Option("--plot", "docs/bench/live-load.svg"),
                    args.Contains("--nginx"),
                    args.Contains("--circuits-only")
                )
            );
        }

        var only = args.SkipWhile(a => a != "--only")
            .Skip(1)
            .FirstOrDefault("")
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .ToHashSet();
        return await BenchmarkRun.RunAsync(connectionString, quick: args.Contains("--quick"), only);
    }
}

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
        // dotnet Conversations.Bench.dll run "<connection string>" [--quick]
        if (args.Length < 2 || args[0] is not ("generate" or "run"))
        {
            Console.Error.WriteLine("usage: Conversations.Bench (generate|run) \"<connection string>\" [--scale F] [--quick]");
            return 2;
        }

        var connectionString = args[1];
        var scale = args.SkipWhile(a => a != "--scale").Skip(1).Select(double.Parse).FirstOrDefault(1.0);
        if (args[0] == "generate")
        {
            await using (var context = new ConversationsDbContext(new DbContextOptionsBuilder<ConversationsDbContext>().UseNpgsql(connectionString).Options))
            {
                await context.Database.MigrateAsync();
            }

            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await new DataGenerator(dataSource, Shape.Full.Scaled(scale), Console.Out).GenerateAsync();
            return 0;
        }

        return await BenchmarkRun.RunAsync(connectionString, quick: args.Contains("--quick"));
    }
}

namespace Conversations.Bench;

public static class BenchmarkRun
{
    public static Task<int> RunAsync(string connectionString, bool quick) => Task.FromResult(0);
}

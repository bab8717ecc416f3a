namespace Conversations.Bench;

public static class CircuitMemory
{
    public static Task<Result> MeasureAsync(string connectionString, int tabs) =>
        Task.FromResult(new Result("server memory per open inbox circuit", "KB", double.NaN, null, "≤ 2× layout-only", false, "not measured yet"));
}

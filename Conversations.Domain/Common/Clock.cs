namespace Conversations.Domain.Common;

internal static class Clock
{
    /// <summary>PostgreSQL keeps microseconds; trimming here keeps what we hold equal to what we read back.</summary>
    public static DateTimeOffset Now(TimeProvider time)
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % 10));
    }
}

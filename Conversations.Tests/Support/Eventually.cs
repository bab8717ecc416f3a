namespace Conversations.Tests.Support;

/// <summary>Waiting for a condition that something else (the relay, a background count) makes true, with a deadline.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string because, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30)); // a deadline, not a wait: a busy machine only takes longer
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, because);
            await Task.Delay(20);
        }
    }

    /// <summary>The same, for a condition that asks something (the database) to answer.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string because, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, because);
            await Task.Delay(50);
        }
    }
}

namespace Conversations.Web.Live;

/// <summary>
/// After the relay reconnects, every open inbox and conversation on this server reloads from the database at once. They
/// take turns here, a few at a time, so that the reload storm queues in memory instead of holding the whole connection
/// pool that sign-ins and pages need.
/// </summary>
public sealed class ScreenReloads
{
    public const int AtOnce = 8;

    private readonly SemaphoreSlim turns = new(AtOnce);

    public async Task RunAsync(Func<Task> reload)
    {
        await turns.WaitAsync();
        try
        {
            await reload();
        }
        finally
        {
            turns.Release();
        }
    }
}

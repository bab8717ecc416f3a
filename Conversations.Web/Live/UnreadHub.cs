using System.Collections.Concurrent;
using System.Security.Claims;
using Conversations.Domain.Realtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Conversations.Web.Live;

/// <summary>
/// The unread count for clients that are not Blazor circuits (other pages of the platform, a mobile app):
/// "UnreadCount" is sent on connect and after every change. Anonymous connections are refused.
/// </summary>
[Authorize]
public sealed class UnreadHub(
    UnreadHubWatchers watchers,
    OpenCircuits open,
    HubSessions sessions,
    IOptions<IdentityOptions> identity
) : Hub
{
    public const string Path = "/hubs/unread";
    public const string UnreadCountMethod = "UnreadCount";

    public override async Task OnConnectedAsync()
    {
        var participantId = Guid.Parse(Context.User!.FindFirstValue(ClaimTypes.NameIdentifier)!);
        sessions.Opened(Context, Configuration.SessionCookies.SignInOf(Context.User!, identity.Value)!); // [Authorize]: someone
        await watchers.WatchAsync(Context.ConnectionId, participantId);
        open.HubConnected();
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        watchers.Forget(Context.ConnectionId);
        sessions.Closed(Context.ConnectionId);
        open.HubDisconnected();
        return base.OnDisconnectedAsync(exception);
    }
}

/// <summary>Each hub connection watches its person's one live unread state on this server, and gets the total after each change.</summary>
public sealed class UnreadHubWatchers(LiveUnread unread, IHubContext<UnreadHub> hub)
{
    private readonly ConcurrentDictionary<string, IDisposable> watches = new();

    public async Task WatchAsync(string connectionId, Guid participantId)
    {
        var watch = await unread.WatchAsync(participantId, counts => SendAsync(connectionId, counts.Total));
        if (!watches.TryAdd(connectionId, watch))
        {
            watch.Dispose();
            return;
        }

        await SendAsync(connectionId, watch.Current.Total);
    }

    public void Forget(string connectionId)
    {
        if (watches.TryRemove(connectionId, out var watch))
        {
            watch.Dispose();
        }
    }

    private Task SendAsync(string connectionId, int total) =>
        hub.Clients.Client(connectionId).SendAsync(UnreadHub.UnreadCountMethod, total);
}

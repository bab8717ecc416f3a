using System.Collections.Concurrent;
using System.Security.Claims;
using Conversations.Domain.Messaging;
using Conversations.Domain.Realtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Conversations.Web.Live;

/// <summary>
/// The unread count for clients that are not Blazor circuits (other pages of the platform, a mobile app):
/// "UnreadCount" is sent on connect and after every change. Anonymous connections are refused.
/// </summary>
[Authorize]
public sealed class UnreadHub(UnreadHubWatchers watchers) : Hub
{
    public const string Path = "/hubs/unread";
    public const string UnreadCountMethod = "UnreadCount";

    public override async Task OnConnectedAsync()
    {
        var participantId = Guid.Parse(Context.User!.FindFirstValue(ClaimTypes.NameIdentifier)!);
        await watchers.WatchAsync(Context.ConnectionId, participantId);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        watchers.Forget(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}

/// <summary>One notifier subscription per hub connection, pushing the fresh count to that connection.</summary>
public sealed class UnreadHubWatchers(ConversationNotifier notifier, CountUnread countUnread, IHubContext<UnreadHub> hub)
{
    private readonly ConcurrentDictionary<string, IDisposable> subscriptions = new();

    public async Task WatchAsync(string connectionId, Guid participantId)
    {
        subscriptions[connectionId] = notifier.Subscribe(participantId, _ => SendCountAsync(connectionId, participantId));
        await SendCountAsync(connectionId, participantId);
    }

    public void Forget(string connectionId)
    {
        if (subscriptions.TryRemove(connectionId, out var subscription))
        {
            subscription.Dispose();
        }
    }

    private async Task SendCountAsync(string connectionId, Guid participantId) =>
        await hub.Clients.Client(connectionId).SendAsync(UnreadHub.UnreadCountMethod, (await countUnread.HandleAsync(participantId)).Total);
}

using Conversations.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conversations.Tests.Support;

/// <summary>A connection to the unread hub with a session's cookies, as a page or an app of the platform opens one.</summary>
public static class UnreadHubClient
{
    public static async Task<HubConnection> ConnectAsync(AppHost app, string cookieHeader)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(app.BaseUrl), UnreadHub.Path), options => options.Headers["Cookie"] = cookieHeader)
            .Build();
        await hub.StartAsync();
        return hub;
    }
}

using System.Threading.Channels;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Tests.Support;
using Conversations.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public class UnreadHubTests(Browser browser)
{
    [Fact]
    public async Task A_signed_in_hub_client_gets_the_count_on_connect_and_when_someone_writes()
    {
        var page = await browser.NewPageAsync();
        await AccountJourneyTests.LogInAsync(page, "erin@example.org", "Demo!2345");
        var cookies = await page.Context.CookiesAsync();
        var counts = Channel.CreateUnbounded<int>();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(browser.App.BaseUrl), UnreadHub.Path), options =>
                options.Headers["Cookie"] = string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}"))
            )
            .Build();
        hub.On<int>(UnreadHub.UnreadCountMethod, count => counts.Writer.TryWrite(count));

        await hub.StartAsync();
        var first = await ReadAsync(counts);
        var profiles = browser.App.Services.GetRequiredService<FindProfile>();
        var (dave, erin) = ((await profiles.ByNicknameAsync("dave"))!, (await profiles.ByNicknameAsync("erin"))!);
        await browser
            .App.Services.GetRequiredService<StartConversation>()
            .HandleAsync(new StartConversationCommand(Actor.Person(dave.Id), [erin.Id], "Over the hub"));

        (await ReadAsync(counts)).Should().Be(first + 1);
    }

    [Fact]
    public async Task An_anonymous_hub_connection_is_refused()
    {
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(browser.App.BaseUrl), UnreadHub.Path))
            .Build();

        var connecting = () => hub.StartAsync();

        (await connecting.Should().ThrowAsync<HttpRequestException>())
            .Which.StatusCode.Should()
            .Be(System.Net.HttpStatusCode.Unauthorized);
    }

    private static async Task<int> ReadAsync(Channel<int> counts)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await counts.Reader.ReadAsync(timeout.Token);
    }
}

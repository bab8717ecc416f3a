using System.Net;
using Conversations.Domain.Realtime;
using Conversations.Tests.Support;

namespace Conversations.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public class HealthTests(Browser browser)
{
    [Fact]
    public async Task The_server_says_it_is_live_and_ready_once_the_database_answers_and_the_relay_listens()
    {
        using var visitor = WebSession.Anonymous(browser.App);
        await browser.App.Get<NotificationRelay>().Listening.WaitAsync(TimeSpan.FromSeconds(30));

        var live = await visitor.Client.GetAsync("/health/live");
        var ready = await visitor.Client.GetAsync("/health/ready");

        live.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }
}

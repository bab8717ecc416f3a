using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Conversations.Domain.Messaging;
using Conversations.Tests.Support;

namespace Conversations.Tests.Security;

/// <summary>"Download my data" answers the signed-in person with their own archive, streamed, and nobody else.</summary>
[Collection(BrowserCollection.Name)]
public class DownloadDataTests(Browser browser)
{
    [Fact]
    public async Task A_signed_in_person_downloads_a_zip_of_their_own_data_and_a_visitor_is_sent_to_log_in()
    {
        var (me, friend) = (
            await browser.App.RegisterAsync(name: "Dana Download"),
            await browser.App.RegisterAsync(name: "Fred Friend")
        );
        await browser
            .App.Get<StartConversation>()
            .HandleAsync(new StartConversationCommand(Actor.Person(friend.Id), [me.Id], "our little secret"));
        using var session = await WebSession.SignedInAsync(browser.App, me.Email!);
        using var visitor = WebSession.Anonymous(browser.App);

        var response = await session.Client.GetAsync("/account/data", HttpCompletionOption.ResponseHeadersRead);
        var anonymous = await visitor.Client.GetAsync("/account/data");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/zip");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        response
            .Content.Headers.ContentLength.Should()
            .BeNull("the archive is streamed as it is written, its length unknown beforehand");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        await using var body = await response.Content.ReadAsStreamAsync();
        using var copy = new MemoryStream();
        await body.CopyToAsync(copy);
        copy.Position = 0;
        using var zip = new ZipArchive(copy, ZipArchiveMode.Read);
        using (var profile = JsonDocument.Parse(zip.GetEntry("profile.json")!.Open()))
        {
            profile.RootElement.GetProperty("nickname").GetString().Should().Be(me.Nickname);
        }

        using (var conversations = JsonDocument.Parse(zip.GetEntry("conversations.json")!.Open()))
        {
            conversations
                .RootElement.EnumerateArray()
                .Single()
                .GetProperty("messages")
                .EnumerateArray()
                .Single()
                .GetProperty("text")
                .GetString()
                .Should()
                .Be("our little secret");
        }

        anonymous.StatusCode.Should().Be(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.OriginalString.Should().Contain("/Account/Login");
    }

    [Fact]
    public async Task Three_archives_an_hour_are_downloaded_and_the_fourth_is_refused_with_the_wait_in_words()
    {
        var me = await browser.App.RegisterAsync(name: "Eager Exporter");
        using var session = await WebSession.SignedInAsync(browser.App, me.Email!);
        for (var i = 0; i < 3; i++)
        {
            (await session.Client.GetAsync("/account/data"))
                .StatusCode.Should()
                .Be(HttpStatusCode.OK, $"archive {i + 1} of the hour's three");
        }

        var fourth = await session.Client.GetAsync("/account/data");

        fourth.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        fourth
            .Headers.RetryAfter!.Delta.Should()
            .BeGreaterThan(TimeSpan.FromMinutes(15), "a new archive drips in every 20 minutes");
        (await fourth.Content.ReadAsStringAsync())
            .Should()
            .StartWith("You have done this many times in a short while: try again in");
        fourth.Content.Headers.ContentType!.MediaType.Should().Be("text/plain", "no archive was started");
    }
}

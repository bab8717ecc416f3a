using System.Text.RegularExpressions;
using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Tests.EndToEnd;

/// <summary>Finding "the message about the bike lanes" without scrolling.</summary>
[Collection(BrowserCollection.Name)]
public class MessageSearchJourneyTests(Browser browser)
{
    [Fact]
    public async Task Alice_searches_bike_finds_the_demos_bike_lane_conversation_and_opens_it_at_the_message()
    {
        var page = await browser.NewPageAsync();
        await AccountJourneyTests.LogInAsync(page, "alice@example.org", "Demo!2345");
        await page.GotoAsync("/conversations");
        await Expect(page.Locator(".avatar-button[data-interactive=true]")).ToBeVisibleAsync();

        var box = page.GetByRole(AriaRole.Searchbox, new() { Name = "Words to look for in your messages" });
        await box.FillAsync("bike");
        await box.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex("/conversations/search\\?q=bike$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Search in my messages" })).ToBeVisibleAsync();
        var hit = page.Locator(".search-hit").Filter(new() { HasText = "protected bike lanes on Main Street" });
        await Expect(hit.Locator("mark")).ToHaveTextAsync("bike");
        await Expect(hit).ToContainTextAsync("Bob Nguyen");
        await Expect(page.Locator(".avatar-button[data-interactive=true]")).ToBeVisibleAsync();

        await hit.GetByRole(AriaRole.Link).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/conversations/[0-9a-f-]{36}\\?at=1$"));
        await Expect(page.Locator(".message-bubble.found")).ToContainTextAsync("protected bike lanes on Main Street");
        await Expect(
                page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Opened at the message you searched for." })
            )
            .ToBeVisibleAsync();
        // The demo conversation is short: the window holds its latest message too.
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Show the latest messages" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_search_of_a_long_conversation_opens_a_window_around_the_message_with_the_latest_one_button_away()
    {
        // Seven writers, so that nobody writes faster than the app's burst allows.
        var writers = new List<Participant>();
        for (var w = 0; w < 7; w++)
        {
            writers.Add(await browser.App.RegisterAsync(name: $"Lou Long {w}"));
        }

        var reader = await browser.App.RegisterAsync(name: "Sid Searcher");
        var id = (
            await browser
                .App.Get<StartConversation>()
                .HandleAsync(
                    new StartConversationCommand(
                        Actor.Person(writers[0].Id),
                        [reader.Id, .. writers.Skip(1).Select(w => w.Id)],
                        "The kiosk reopens soon"
                    )
                )
        )
            .Value!
            .ConversationId;
        for (var i = 2; i <= 56; i++)
        {
            (
                await browser
                    .App.Get<Reply>()
                    .HandleAsync(
                        new ReplyCommand(Actor.Person(writers[i % 7].Id), new ConversationId(id), $"Update number {i}")
                    )
            )
                .Succeeded.Should()
                .BeTrue();
        }

        var page = await browser.NewPageAsync();
        await AccountJourneyTests.LogInAsync(page, reader.Email!, AppUsers.Password);
        await page.GotoAsync("/conversations/search?q=kiosk");
        await Expect(page.Locator(".avatar-button[data-interactive=true]")).ToBeVisibleAsync();
        await page.Locator(".search-hit").GetByRole(AriaRole.Link).ClickAsync();

        await Expect(page.Locator(".conversation[data-seen=true]")).ToBeVisibleAsync();
        await Expect(page.Locator(".message-bubble.found")).ToContainTextAsync("The kiosk reopens soon");
        await Expect(page.Locator(".message-bubble").Last).ToContainTextAsync("Update number 11");
        await page.GetByRole(AriaRole.Link, new() { Name = "Show the latest messages" }).ClickAsync();
        await Expect(page.Locator(".message-bubble").Last).ToContainTextAsync("Update number 56");
    }
}

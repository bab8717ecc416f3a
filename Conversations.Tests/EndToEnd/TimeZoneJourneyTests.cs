using System.Globalization;
using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Tests.EndToEnd;

/// <summary>Times are shown in the participant's own zone, which their browser tells on their first visit, unasked.</summary>
[Collection(BrowserCollection.Name)]
public class TimeZoneJourneyTests(Browser browser)
{
    [Fact]
    public async Task A_participant_in_Auckland_sees_a_message_s_time_in_Auckland_and_keeps_that_zone_on_their_account()
    {
        var (reader, writer) = (
            await browser.App.RegisterAsync(name: "Aroha Reader"),
            await browser.App.RegisterAsync(name: "Wiremu Writer")
        );
        var sent = await browser
            .App.Get<StartConversation>()
            .HandleAsync(
                new StartConversationCommand(Actor.Person(writer.Id), [reader.Id], "Kia ora from the other side")
            );
        var context = await browser.Chromium.NewContextAsync(
            new BrowserNewContextOptions { BaseURL = browser.App.BaseUrl, TimezoneId = "Pacific/Auckland" }
        );
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();

        await AccountJourneyTests.LogInAsync(page, reader.Email!, AppUsers.Password);
        await page.GotoAsync($"/conversations/{sent.Value!.ConversationId}");
        var bubble = page.Locator(".message-bubble").Filter(new() { HasText = "Kia ora from the other side" });
        await Expect(bubble).ToBeVisibleAsync();

        var sentAt = (
            await browser
                .App.Get<GetConversation>()
                .HandleAsync(Actor.Person(reader.Id), new ConversationId(sent.Value.ConversationId))
        )
            .Value!.Messages.Single()
            .SentAt;
        var expected = TimeZones.Full(sentAt, TimeZones.OrUtc("Pacific/Auckland"), CultureInfo.GetCultureInfo("en"));
        await Expect(bubble).ToHaveAttributeAsync("title", expected);
        expected.Should().EndWith("(Pacific/Auckland)");
        (await browser.App.Get<ParticipantTimeZone>().GetAsync(reader.Id))
            .Should()
            .Be("Pacific/Auckland", "the account keeps the zone the browser told");

        await page.GotoAsync("/settings");
        await Expect(page.Locator(".time-zone-choice input")).ToHaveValueAsync("Pacific/Auckland");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Time zone" })).ToBeVisibleAsync();
    }
}

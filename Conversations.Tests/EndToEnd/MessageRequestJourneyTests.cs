using System.Text.RegularExpressions;
using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Relationships;
using Conversations.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Tests.EndToEnd;

[Collection(SessionsBrowserCollection.Name)]
public partial class MessageRequestJourneyTests(Browser browser)
{
    [Fact]
    public async Task A_strangers_first_message_waits_under_requests_off_the_badge_and_is_accepted_declined_or_blocked_from_there()
    {
        var judy = await browser.App.RegisterAsync(name: "Judy Requests", whoMayWrite: WhoMayWrite.StrangersAsRequests);
        var (oscar, pat, tom) = (
            await browser.App.RegisterAsync(name: "Oscar Stranger"),
            await browser.App.RegisterAsync(name: "Pat Pushy"),
            await browser.App.RegisterAsync(name: "Tom Troll")
        );
        var judyPage = await SignedInAsync(judy.Email!);
        await judyPage.GotoAsync("/conversations");
        await Expect(judyPage.GetByText("No conversations yet.", new() { Exact = false })).ToBeVisibleAsync();

        // oscar, who judy never talked with, writes to her.
        var oscarPage = await SignedInAsync(oscar.Email!);
        await oscarPage.GotoAsync($"/conversations/new?to={judy.Nickname}");
        var box = oscarPage.GetByLabel("Your message");
        await Expect(box).ToBeEnabledAsync();
        await box.FillAsync("Hello Judy, would you look at our clubhouse sketch?");
        await box.PressAsync("Enter");
        await Expect(oscarPage).ToHaveURLAsync(ConversationAddress());
        await Expect(
                oscarPage.GetByText(
                    "Your message waits for Judy Requests to accept it; you can write more once they do."
                )
            )
            .ToBeVisibleAsync();
        await Expect(oscarPage.GetByLabel("Your message")).ToHaveCountAsync(0);

        // judy's inbox lists it apart, live; the badge does not move; nothing waits for an email.
        var requestsLink = judyPage.GetByRole(AriaRole.Link, new() { Name = "Message requests (1)" });
        await Expect(requestsLink).ToBeVisibleAsync();
        await Expect(Badge(judyPage)).ToHaveCountAsync(0);
        await Expect(judyPage.Locator(".inbox-row")).ToHaveCountAsync(0);
        (await UnmailedSinceAsync(judy.Id))
            .Should()
            .BeNull("a request never waits for an email: its text is never mailed");

        await requestsLink.ClickAsync();
        await Expect(judyPage.GetByRole(AriaRole.Heading, new() { Name = "Message requests", Level = 1 }))
            .ToBeVisibleAsync();
        await judyPage.GetByRole(AriaRole.Link).Filter(new() { HasText = "Oscar Stranger" }).ClickAsync();
        await Expect(
                judyPage.GetByRole(
                    AriaRole.Heading,
                    new() { Name = "Oscar Stranger wants to start a conversation with you" }
                )
            )
            .ToBeVisibleAsync();
        await Expect(judyPage.GetByLabel("Your message")).ToHaveCountAsync(0);
        await judyPage.GetByRole(AriaRole.Button, new() { Name = "Accept", Exact = true }).ClickAsync();

        // accepted: an ordinary conversation, with the usual badge.
        var reply = judyPage.GetByLabel("Your message");
        await Expect(reply).ToBeEnabledAsync();
        await reply.FillAsync("Gladly, send it over.");
        await reply.PressAsync("Enter");
        await Expect(oscarPage.Locator(".message-bubble").Filter(new() { HasText = "Gladly, send it over." }))
            .ToBeVisibleAsync();
        await Expect(oscarPage.GetByLabel("Your message")).ToBeEnabledAsync(); // her answer opened the conversation on his page too
        await judyPage.GotoAsync("/settings"); // away from the conversation, so that what comes stays unread
        await Expect(judyPage.GetByRole(AriaRole.Heading, new() { Name = "Settings", Level = 1 })).ToBeVisibleAsync();
        await Expect(judyPage.Locator(".avatar-button[data-interactive=true]")).ToBeVisibleAsync(); // the badge listens
        await oscarPage.GetByLabel("Your message").FillAsync("Here it is.");
        await oscarPage.GetByLabel("Your message").PressAsync("Enter");
        await Expect(Badge(judyPage)).ToHaveAttributeAsync("aria-label", "1 unread message");

        // a second request, declined: its writer can write nothing more there, and hears only what any refusal says.
        var fromPat = (
            await browser
                .App.Get<StartConversation>()
                .HandleAsync(new StartConversationCommand(Actor.Person(pat.Id), [judy.Id], "Buy my bikes!"))
        )
            .Value!
            .ConversationId;
        await judyPage.GotoAsync($"/conversations/{fromPat}");
        await judyPage.GetByRole(AriaRole.Button, new() { Name = "Decline", Exact = true }).ClickAsync();
        await Expect(judyPage).ToHaveURLAsync(new Regex("/conversations/requests$"));
        await Expect(judyPage.GetByText("No message requests wait for an answer.")).ToBeVisibleAsync();
        var patPage = await SignedInAsync(pat.Email!);
        await patPage.GotoAsync($"/conversations/{fromPat}");
        await Expect(patPage.GetByText("Judy Requests does not accept messages from you.")).ToBeVisibleAsync();
        await Expect(patPage.GetByLabel("Your message")).ToHaveCountAsync(0);

        // a third, blocked from the request.
        var fromTom = (
            await browser
                .App.Get<StartConversation>()
                .HandleAsync(new StartConversationCommand(Actor.Person(tom.Id), [judy.Id], "You again"))
        )
            .Value!
            .ConversationId;
        await judyPage.GotoAsync($"/conversations/{fromTom}");
        await judyPage.GetByRole(AriaRole.Button, new() { Name = "Block Tom Troll" }).ClickAsync();
        await Expect(judyPage.GetByText("Declined, and its writer blocked.")).ToBeVisibleAsync();
        (await browser.App.Get<GetRelationship>().HandleAsync(new ParticipantId(tom.Id), new PersonId(judy.Id)))
            .ViewerBlocked.Should()
            .BeTrue();
        var tomPage = await SignedInAsync(tom.Email!);
        await tomPage.GotoAsync($"/profiles/{judy.Nickname}");
        await Expect(tomPage.GetByText("Judy Requests does not accept messages from you.")).ToBeVisibleAsync();
    }

    private async Task<DateTimeOffset?> UnmailedSinceAsync(Guid personId)
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Conversations.Domain.Persistence.ConversationsDbContext>();
        return await db
            .ConversationMembers.Where(m => m.ParticipantId == personId)
            .Select(m => m.UnmailedSince)
            .SingleAsync();
    }

    private static ILocator Badge(IPage page) => page.Locator(".account-menu .mud-badge");

    private Task<IPage> SignedInAsync(string email) => browser.SignedInPageAsync(email, AppUsers.Password);

    [GeneratedRegex("/conversations/[0-9a-f-]{36}$")]
    private static partial Regex ConversationAddress();
}

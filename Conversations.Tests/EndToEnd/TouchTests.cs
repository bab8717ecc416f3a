using Conversations.Domain.Messaging;
using Conversations.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Tests.EndToEnd;

/// <summary>On a phone (touch first, no hover) Enter breaks the line and the Send button sends.</summary>
[Collection(BrowserCollection.Name)]
public class TouchTests(Browser browser)
{
    [Fact]
    public async Task On_a_phone_Enter_makes_a_new_line_and_the_send_button_sends_both_paragraphs()
    {
        var (me, friend) = (
            await browser.App.RegisterAsync(name: "Pia Phone"),
            await browser.App.RegisterAsync(name: "Otto Other")
        );
        var id = (
            await browser
                .App.Get<StartConversation>()
                .HandleAsync(new StartConversationCommand(Actor.Person(friend.Id), [me.Id], "Two paragraphs, please"))
        )
            .Value!
            .ConversationId;
        var page = await browser.NewPageAsync(Browser.PhoneWidth, Browser.PhoneHeight);
        await AccountJourneyTests.LogInAsync(page, me.Email!, AppUsers.Password);
        await page.GotoAsync($"/conversations/{id}");
        var box = page.GetByLabel("Your message");
        await Expect(box).ToBeEnabledAsync();
        await Expect(page.Locator(".reply-hint")).ToHaveTextAsync("Enter makes a new line · Send sends");

        await box.TapAsync();
        await page.Keyboard.TypeAsync("First paragraph.");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("Second paragraph.");

        await Expect(box).ToHaveValueAsync("First paragraph.\nSecond paragraph.");
        await Expect(page.Locator(".message-bubble")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).TapAsync();
        await Expect(page.Locator(".message-bubble").Last).ToHaveTextAsync("First paragraph.\nSecond paragraph.");
        await page.Context.CloseAsync();
    }
}

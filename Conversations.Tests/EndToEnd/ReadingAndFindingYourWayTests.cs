using System.Text.RegularExpressions;
using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public partial class ReadingAndFindingYourWayTests(Browser browser)
{
    /// <summary>Makes a tab report itself hidden (as a background tab does) until the test shows it.</summary>
    private const string StartsHidden = """
        Object.defineProperty(document, "visibilityState", { configurable: true, get: () => window.__visibility ?? "hidden" });
        Object.defineProperty(document, "hidden", { configurable: true, get: () => (window.__visibility ?? "hidden") !== "visible" });
        """;

    private const string Show =
        "() => { window.__visibility = 'visible'; document.dispatchEvent(new Event('visibilitychange')); }";

    [Fact]
    public async Task A_conversation_open_in_a_background_tab_leaves_new_messages_unread_until_the_tab_is_seen_again()
    {
        var (sender, reader) = (
            await browser.App.RegisterAsync(name: "Sam Sender"),
            await browser.App.RegisterAsync(name: "Rita Reader")
        );
        var id = (
            await browser
                .App.Get<StartConversation>()
                .HandleAsync(new StartConversationCommand(Actor.Person(sender.Id), [reader.Id], "First news"))
        )
            .Value!
            .ConversationId;
        var context = await browser.Chromium.NewContextAsync(new() { BaseURL = browser.App.BaseUrl });
        var inboxTab = await context.NewPageAsync();
        await AccountJourneyTests.LogInAsync(inboxTab, reader.Email!, AppUsers.Password);
        await inboxTab.GotoAsync("/conversations");
        var badge = inboxTab.Locator(".account-menu .mud-badge");
        await Expect(badge).ToHaveAttributeAsync("aria-label", "1 unread message");

        var backgroundTab = await context.NewPageAsync();
        await backgroundTab.AddInitScriptAsync(StartsHidden);
        await backgroundTab.GotoAsync($"/conversations/{id}");
        await Expect(backgroundTab.Locator(".conversation[data-seen=false]")).ToBeVisibleAsync();
        await browser
            .App.Get<Reply>()
            .HandleAsync(new ReplyCommand(Actor.Person(sender.Id), new ConversationId(id), "Second news"));

        await Expect(backgroundTab.Locator(".message-bubble").Last).ToContainTextAsync("Second news");
        (await browser.App.Get<CountUnread>().HandleAsync(reader.Id))
            .Personal.Should()
            .Be(2, "a tab nobody sees has read nothing");
        await Expect(badge).ToHaveAttributeAsync("aria-label", "2 unread messages");

        await backgroundTab.EvaluateAsync(Show);

        await Expect(backgroundTab.Locator(".conversation[data-seen=true]")).ToBeVisibleAsync();
        (await browser.App.Get<CountUnread>().HandleAsync(reader.Id)).Personal.Should().Be(0);
        await Expect(badge).ToHaveCountAsync(0); // hidden at zero
        await context.CloseAsync();
    }

    [Fact]
    public async Task Writing_to_yourself_is_refused_in_plain_words()
    {
        var me = await browser.App.RegisterAsync(name: "Selma Self");
        var page = await browser.NewPageAsync();
        await AccountJourneyTests.LogInAsync(page, me.Email!, AppUsers.Password);

        await page.GotoAsync($"/conversations/new?to={me.Nickname}");

        await Expect(page.GetByText("You cannot write to yourself: pick someone else.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Your message")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Your_own_profile_s_conversations_address_takes_you_to_your_conversations()
    {
        var me = await browser.App.RegisterAsync(name: "Otto Own");
        var page = await browser.NewPageAsync();
        await AccountJourneyTests.LogInAsync(page, me.Email!, AppUsers.Password);

        await page.GotoAsync($"/profiles/{me.Nickname}/conversations");

        await Expect(page).ToHaveURLAsync(new Regex("/conversations$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Conversations", Exact = true }))
            .ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_conversation_page_leads_back_to_the_inbox_and_to_a_new_conversation_that_offers_only_people_not_yet_picked()
    {
        var (me, friend) = (
            await browser.App.RegisterAsync(name: "Wanda Wayfinder"),
            await browser.App.RegisterAsync("wayfriend_" + Guid.NewGuid().ToString("N")[..6], "Wayfriend Person")
        );
        var other = await browser.App.RegisterAsync(
            "wayfriend2_" + Guid.NewGuid().ToString("N")[..6],
            "Wayfriend Other"
        );
        var id = (
            await browser
                .App.Get<StartConversation>()
                .HandleAsync(new StartConversationCommand(Actor.Person(me.Id), [friend.Id], "Hello"))
        )
            .Value!
            .ConversationId;
        var page = await browser.NewPageAsync();
        await AccountJourneyTests.LogInAsync(page, me.Email!, AppUsers.Password);
        await page.GotoAsync($"/conversations/{id}");

        await page.GetByRole(AriaRole.Button, new() { Name = "New conversation" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Search people and groups").FillAsync("wayfriend");
        await page.Locator($".recipient-option[data-nickname={friend.Nickname}]").ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Remove recipient Wayfriend Person" }))
            .ToBeVisibleAsync();
        await dialog.GetByLabel("Search people and groups").FillAsync("wayfriend");

        await Expect(page.Locator($".recipient-option[data-nickname={other.Nickname}]")).ToBeVisibleAsync();
        await Expect(page.Locator($".recipient-option[data-nickname={friend.Nickname}]")).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "All conversations" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/conversations$"));
        await Expect(page.Locator(".inbox-row")).ToContainTextAsync("Wayfriend Person");
    }
}

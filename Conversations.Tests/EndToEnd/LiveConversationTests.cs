using System.Diagnostics;
using System.Text.RegularExpressions;
using Conversations.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public partial class LiveConversationTests(Browser browser, ITestOutputHelper output)
{
    [Fact]
    public async Task Alice_messages_bob_from_his_profile_and_his_open_tabs_update_live()
    {
        var alice = await browser.NewPageAsync();
        await AccountJourneyTests.LogInAsync(alice, "alice@example.org", "Demo!2345");
        var bobContext = await browser.Chromium.NewContextAsync(
            new()
            {
                BaseURL = browser.App.BaseUrl,
                ViewportSize = new() { Width = 1280, Height = 800 },
            }
        );
        var bobFirstTab = await bobContext.NewPageAsync();
        await AccountJourneyTests.LogInAsync(bobFirstTab, "bob@example.org", "Demo!2345");
        var bobSecondTab = await bobContext.NewPageAsync();
        await bobSecondTab.GotoAsync("/conversations");
        await Expect(bobSecondTab.Locator(".avatar-button[data-interactive=true]")).ToBeVisibleAsync();
        var before = await UnreadAsync(bobFirstTab);
        var aliceRow = bobSecondTab.Locator(".inbox-row", new() { HasText = "Alice Martin" });
        var rowBefore =
            await aliceRow.Locator(".inbox-unread").CountAsync() == 0
                ? 0
                : int.Parse(await aliceRow.Locator(".inbox-unread").TextContentAsync() ?? "0");

        await alice.GotoAsync("/profiles/bob");
        await alice.GetByRole(AriaRole.Button, new() { Name = "Message", Exact = true }).ClickAsync();
        await Expect(alice).ToHaveURLAsync(ConversationAddress());
        var box = alice.GetByLabel("Your message");
        await Expect(box).ToBeEnabledAsync();
        const string text = "See you Thursday? <script>alert('x')</script> <b>not bold</b> https://example.org/agenda";
        await box.FillAsync(text);
        await Expect(alice.GetByText("characters left")).ToHaveTextAsync($"{1000 - text.Length} characters left");
        var clock = Stopwatch.StartNew();
        await box.PressAsync("Enter");

        await Expect(bobFirstTab.Locator(".account-menu .mud-badge"))
            .ToHaveAttributeAsync("aria-label", $"{before + 1} unread messages");
        var latency = clock.Elapsed;
        output.WriteLine($"Send to badge change: {latency.TotalMilliseconds:F0} ms");
        await File.WriteAllTextAsync(
            Artifacts.PathFor("send-to-badge-latency.txt"),
            $"{latency.TotalMilliseconds:F0} ms\n"
        );
        await Expect(box).ToHaveValueAsync("");

        var row = bobSecondTab.Locator(".inbox-row").First;
        await Expect(row).ToContainTextAsync("Alice Martin");
        await Expect(row.Locator(".inbox-unread")).ToHaveTextAsync($"{rowBefore + 1}");
        await bobSecondTab.ScreenshotAsync(new() { Path = Artifacts.PathFor("inbox.png") });

        await row.ClickAsync();
        var bubble = bobSecondTab.Locator(".message-bubble").Last;
        await Expect(bubble).ToContainTextAsync("<script>alert('x')</script> <b>not bold</b>");
        (await bubble.Locator("b, script").CountAsync()).Should().Be(0);
        var link = bubble.GetByRole(AriaRole.Link, new() { Name = "https://example.org/agenda" });
        await Expect(link).ToHaveAttributeAsync("rel", "nofollow noopener noreferrer ugc");
        await Expect(link).ToHaveAttributeAsync("target", "_blank");
        await Expect(bobFirstTab.Locator(".account-menu .mud-badge"))
            .ToHaveAttributeAsync("aria-label", $"{before - rowBefore} unread messages");
        await bobSecondTab.ScreenshotAsync(new() { Path = Artifacts.PathFor("conversation.png") });

        var bobReply = bobSecondTab.GetByLabel("Your message");
        await bobReply.FillAsync("Yes!\nThursday at 7.");
        await bobSecondTab.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(alice.Locator(".message-bubble").Last).ToHaveTextAsync("Yes!\nThursday at 7.");
        await bobContext.CloseAsync();
    }

    [Fact]
    public async Task A_refused_message_keeps_its_text_and_says_why()
    {
        var page = await browser.NewPageAsync();
        await AccountJourneyTests.LogInAsync(page, "carol@example.org", "Demo!2345");
        await page.GotoAsync("/conversations/new?to=judy");
        var box = page.GetByLabel("Your message");
        await Expect(box).ToBeEnabledAsync();
        var tooLong = new string('z', 1001);

        await box.FillAsync(tooLong);
        await Expect(page.GetByText("1 character too many")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Alert))
            .ToContainTextAsync("at most 1,000 characters");
        await Expect(box).ToHaveValueAsync(tooLong);
        await Expect(page).ToHaveURLAsync(new Regex("/conversations/new"));
    }

    private static async Task<int> UnreadAsync(IPage page)
    {
        var badge = page.Locator(".account-menu .mud-badge");
        return await badge.CountAsync() == 0
            ? 0
            : int.Parse(Count().Match(await badge.GetAttributeAsync("aria-label") ?? "0").Value);
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Count();

    [GeneratedRegex("/conversations/[0-9a-f-]{36}$")]
    private static partial Regex ConversationAddress();
}

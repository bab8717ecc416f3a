using System.Text.RegularExpressions;
using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Tests.EndToEnd;

/// <summary>Mute, archive and "unread from here", as a resident does them in the browser.</summary>
[Collection(BrowserCollection.Name)]
public class QuietingJourneyTests(Browser browser)
{
    private async Task<Guid> WriteAsync(Guid from, Guid to, string text) =>
        (
            await browser
                .App.Get<StartConversation>()
                .HandleAsync(new StartConversationCommand(Actor.Person(from), [to], text))
        )
            .Value!
            .ConversationId;

    private Task ReplyAsync(Guid from, Guid conversation, string text) =>
        browser
            .App.Get<Reply>()
            .HandleAsync(new ReplyCommand(Actor.Person(from), new ConversationId(conversation), text));

    private static async Task<IPage> OpenInboxAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        await AccountJourneyTests.LogInAsync(page, email, AppUsers.Password);
        await page.GotoAsync("/conversations");
        await Expect(page.Locator(".avatar-button[data-interactive=true]")).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task A_muted_conversation_leaves_the_badge_alone_when_a_message_arrives_and_shows_its_count_in_place()
    {
        var (noisy, quiet, reader) = (
            await browser.App.RegisterAsync(name: "Nora Noisy"),
            await browser.App.RegisterAsync(name: "Quentin Quiet"),
            await browser.App.RegisterAsync(name: "Mona Mute")
        );
        var id = await WriteAsync(noisy.Id, reader.Id, "Good morning!");
        var context = await browser.Chromium.NewContextAsync(new() { BaseURL = browser.App.BaseUrl });
        var page = await OpenInboxAsync(context, reader.Email!);
        await page.GotoAsync($"/conversations/{id}");
        var mute = page.GetByRole(AriaRole.Button, new() { Name = "Mute", Exact = true });
        await mute.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Unmute" }))
            .ToHaveAttributeAsync("aria-pressed", "true");
        await page.GetByRole(AriaRole.Link, new() { Name = "All conversations" }).ClickAsync();
        var badge = page.Locator(".account-menu .mud-badge[role=status]");

        await ReplyAsync(noisy.Id, id, "Another thought");
        await ReplyAsync(noisy.Id, id, "And another");
        var row = page.Locator($".inbox-row[data-conversation='{id}']");
        await Expect(row).ToContainTextAsync("And another");
        await Expect(row.Locator(".inbox-unread.muted")).ToHaveAttributeAsync("aria-label", "2 unread messages");
        await Expect(row).ToContainTextAsync("Muted");
        await Expect(badge).ToHaveCountAsync(0);

        await WriteAsync(quiet.Id, reader.Id, "Not muted");
        await Expect(badge).ToHaveAttributeAsync("aria-label", "1 unread message"); // the badge is alive, and counts only this
        await context.CloseAsync();
    }

    [Fact]
    public async Task An_archived_conversation_leaves_the_inbox_until_the_next_message_brings_it_back()
    {
        var (writer, reader) = (
            await browser.App.RegisterAsync(name: "Walt Writer"),
            await browser.App.RegisterAsync(name: "Ariane Archive")
        );
        var id = await WriteAsync(writer.Id, reader.Id, "About the bench in the park");
        var context = await browser.Chromium.NewContextAsync(new() { BaseURL = browser.App.BaseUrl });
        var page = await OpenInboxAsync(context, reader.Email!);
        await page.GotoAsync($"/conversations/{id}");
        await Expect(page.Locator(".conversation[data-seen=true]")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Archive", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/conversations$"));
        var row = page.Locator($".inbox-row[data-conversation='{id}']");
        await Expect(row).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Archived conversations" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Archived conversations" })).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("About the bench in the park");
        await page.GetByRole(AriaRole.Link, new() { Name = "All conversations" }).ClickAsync();
        await Expect(page.Locator(".avatar-button[data-interactive=true]")).ToBeVisibleAsync();
        await Expect(row).ToHaveCountAsync(0);

        await ReplyAsync(writer.Id, id, "The bench is fixed");

        await Expect(row).ToContainTextAsync("The bench is fixed"); // back, live
        await context.CloseAsync();
    }

    [Fact]
    public async Task Unread_from_here_raises_the_badge_in_another_tab()
    {
        var (writer, reader) = (
            await browser.App.RegisterAsync(name: "Uma Writer"),
            await browser.App.RegisterAsync(name: "Ulrich Unread")
        );
        var id = await WriteAsync(writer.Id, reader.Id, "First point");
        await ReplyAsync(writer.Id, id, "Second point");
        var context = await browser.Chromium.NewContextAsync(new() { BaseURL = browser.App.BaseUrl });
        var other = await OpenInboxAsync(context, reader.Email!);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/conversations/{id}");
        await Expect(page.Locator(".conversation[data-seen=true]")).ToBeVisibleAsync();
        var badge = other.Locator(".account-menu .mud-badge[role=status]");
        await Expect(badge).ToHaveCountAsync(0); // opened by mistake: read

        await page.GetByRole(
                AriaRole.Button,
                new() { Name = "Unread from here: this message of Uma Writer and the ones after it" }
            )
            .Last.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/conversations$"));
        await Expect(badge).ToHaveAttributeAsync("aria-label", "1 unread message");
        await Expect(other.Locator($".inbox-row[data-conversation='{id}'] .inbox-unread"))
            .ToHaveAttributeAsync("aria-label", "1 unread message");
        await context.CloseAsync();
    }
}

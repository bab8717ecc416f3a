using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Tests.EndToEnd;

/// <summary>A whole journey with the keyboard alone — no click, no mouse — checking where focus is at each step.</summary>
[Collection(BrowserCollection.Name)]
public class KeyboardJourneyTests(Browser browser)
{
    [Fact]
    public async Task A_person_signs_in_opens_the_menu_starts_a_conversation_with_two_people_sends_and_reads_a_reply_with_the_keyboard_alone()
    {
        var me = await browser.App.RegisterAsync(name: "Kim Keys");
        var (first, second) = (
            await browser.App.RegisterAsync(name: "Tabitha Tabb"),
            await browser.App.RegisterAsync(name: "Enzo Enter")
        );
        var page = await browser.NewPageAsync();

        // Sign in: the form's fields in order, Enter submits.
        await page.GotoAsync("/Account/Login");
        await TabUntilFocusedAsync(page, page.GetByLabel("Email"));
        await page.Keyboard.TypeAsync(me.Email!);
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Password")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(AppUsers.Password);
        await page.Keyboard.PressAsync("Enter");
        var menuButton = page.Locator(".avatar-button[data-interactive=true]");
        await Expect(menuButton).ToBeVisibleAsync();

        // "Skip to content", the first stop of the page, takes focus to the main landmark.
        await TabUntilFocusedAsync(
            page,
            page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" }),
            backwards: true
        );
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main#main-content")).ToBeFocusedAsync();

        // The account menu: reached with Tab, opened with Enter, Conversations chosen with the arrow keys and Enter.
        var menu = page.GetByRole(AriaRole.Button, new() { Name = $"Account menu of {me.DisplayName}" });
        await TabUntilFocusedAsync(page, menu, backwards: true);
        await page.Keyboard.PressAsync("Enter");
        var conversationsItem = page.GetByRole(AriaRole.Menuitem, new() { Name = "Conversations" });
        await Expect(conversationsItem).ToBeVisibleAsync();
        await FocusInMenuAsync(page); // opening moves focus into the menu
        await page.Keyboard.PressAsync("Escape"); // closing gives focus back to the opener
        await Expect(conversationsItem).ToBeHiddenAsync();
        await Expect(menu).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(conversationsItem).ToBeVisibleAsync();
        await FocusInMenuAsync(page);
        await ArrowUntilFocusedAsync(page, conversationsItem);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/conversations");

        // New conversation: the dialog opens with focus in its search; two people picked with the arrow keys and Enter.
        var newConversation = page.GetByRole(AriaRole.Button, new() { Name = "New conversation" }).First;
        await Expect(newConversation).ToBeEnabledAsync();
        await TabUntilFocusedAsync(page, newConversation);
        await page.Keyboard.PressAsync("Enter");
        var search = page.GetByLabel("Search people and groups");
        var chips = page.GetByRole(AriaRole.List, new() { Name = "Recipients" });
        // The search asks for focus when the dialog opens, but on a busy machine MudBlazor's focus trap can take it
        // afterwards (onto a box of its own); Tab inside the dialog then reaches the search first.
        await TabUntilFocusedAsync(page, search);
        foreach (var person in new[] { first, second })
        {
            // The letters go in at once (Fill): MudAutocomplete re-renders its input from the circuit, and machine-speed
            // keystrokes on a loaded machine can be overwritten by a render of an older text. Navigation is what is tested.
            await search.FillAsync(person.DisplayName[..5]);
            await Expect(search).ToBeFocusedAsync();
            await Expect(page.Locator($".recipient-option[data-nickname='{person.Nickname}']")).ToBeVisibleAsync();
            await page.Keyboard.PressAsync("ArrowDown");
            await page.Keyboard.PressAsync("Enter");
            await Expect(chips.GetByRole(AriaRole.Listitem).Filter(new() { HasText = person.DisplayName }))
                .ToBeVisibleAsync();
            await Expect(search).ToBeFocusedAsync();
            await Expect(search).ToHaveValueAsync(""); // cleared for the next name (typing before that would be wiped)
        }

        // Removing a chip leaves focus in the search box; the person is picked again.
        await TabUntilFocusedAsync(
            page,
            page.GetByRole(AriaRole.Button, new() { Name = $"Remove recipient {second.DisplayName}" })
        );
        await page.Keyboard.PressAsync("Enter");
        await Expect(search).ToBeFocusedAsync();
        await search.FillAsync(second.DisplayName[..5]);
        await Expect(page.Locator($".recipient-option[data-nickname='{second.Nickname}']")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Expect(chips.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);

        // Next, then write and send with Enter.
        await TabUntilFocusedAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Next" }));
        await page.Keyboard.PressAsync("Enter");
        var message = page.GetByLabel("Your message");
        await Expect(message).ToBeEnabledAsync();
        await TabUntilFocusedAsync(page, message);
        await page.Keyboard.TypeAsync("Hello both, typed without a mouse");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".message-bubble").Last).ToContainTextAsync("Hello both, typed without a mouse");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/conversations/[0-9a-f-]{36}$"));

        // A reply arrives: shown, and said once to a screen reader.
        await Expect(page.Locator(".conversation[data-seen=true]")).ToBeVisibleAsync(); // the page listens and is seen
        var id = Guid.Parse(page.Url[^36..]);
        await browser
            .App.Get<Reply>()
            .HandleAsync(new ReplyCommand(Actor.Person(first.Id), new ConversationId(id), "Got it, thanks!"));
        await Expect(page.Locator(".message-bubble").Last).ToContainTextAsync("Got it, thanks!");
        await Expect(page.Locator(".conversation [role=status]").First)
            .ToHaveTextAsync($"New message from {first.DisplayName}: Got it, thanks!");
    }

    /// <summary>Presses Tab (or Shift+Tab) until the element has focus; fails after 40 presses.</summary>
    private static async Task TabUntilFocusedAsync(IPage page, ILocator target, bool backwards = false)
    {
        for (var presses = 0; presses < 40; presses++)
        {
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                return;
            }

            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }

        await Expect(target).ToBeFocusedAsync(); // fails with what has focus instead
    }

    private static async Task FocusInMenuAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => document.activeElement?.closest('.mud-popover-open') != null");

    private static async Task ArrowUntilFocusedAsync(IPage page, ILocator target)
    {
        for (var presses = 0; presses < 10; presses++)
        {
            if (
                await target.EvaluateAsync<bool>(
                    "element => element === document.activeElement || element.contains(document.activeElement)"
                )
            )
            {
                return;
            }

            await page.Keyboard.PressAsync("ArrowDown");
        }

        await Expect(target).ToBeFocusedAsync();
    }
}

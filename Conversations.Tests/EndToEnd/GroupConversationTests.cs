using System.Text.RegularExpressions;
using Conversations.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Tests.EndToEnd;

[Collection(SessionsBrowserCollection.Name)]
public partial class GroupConversationTests(Browser browser)
{
    [Fact]
    public async Task Dave_writes_to_neighbours_its_managers_hear_live_bob_answers_as_the_group_and_carol_is_kept_out()
    {
        var alice = await SignedInPageAsync("alice");
        var bob = await SignedInPageAsync("bob");
        var dave = await SignedInPageAsync("dave");
        var (aliceBefore, bobBefore) = (await BadgeAsync(alice), await BadgeAsync(bob));

        await dave.GotoAsync("/profiles/neighbours");
        await Expect(dave.GetByText("Group · 3 members")).ToBeVisibleAsync();
        await Expect(dave.GetByRole(AriaRole.Navigation, new() { Name = "Riverside Neighbours pages" }))
            .ToHaveCountAsync(0);
        await dave.GetByRole(AriaRole.Button, new() { Name = "Message", Exact = true }).ClickAsync();
        await Expect(dave).ToHaveURLAsync(PersonalConversation());
        var daveBox = dave.GetByLabel("Your message");
        await Expect(daveBox).ToBeEnabledAsync();
        await daveBox.FillAsync("The lights on Elm Road are still out tonight.");
        await daveBox.PressAsync("Enter");

        await Expect(Badge(alice)).ToHaveAttributeAsync("aria-label", $"{aliceBefore + 1} unread messages");
        await Expect(Badge(bob)).ToHaveAttributeAsync("aria-label", $"{bobBefore + 1} unread messages");

        await bob.Locator(".avatar-button[data-interactive=true]").ClickAsync();
        await bob.GetByRole(AriaRole.Menuitem, new() { Name = "Riverside Neighbours" }).ClickAsync();
        await Expect(bob).ToHaveURLAsync(new Regex("/profiles/neighbours/conversations$"));
        await Expect(bob.GetByRole(AriaRole.Heading, new() { Name = "Conversations of Riverside Neighbours" }))
            .ToBeVisibleAsync();
        var row = bob.Locator(".inbox-row", new() { HasText = "Dave Okafor" });
        await Expect(row).ToContainTextAsync("The lights on Elm Road are still out tonight.");
        await bob.ScreenshotAsync(new() { Path = Artifacts.PathFor("group-inbox.png") });
        await row.ClickAsync();
        await Expect(bob).ToHaveURLAsync(GroupConversation());
        await Expect(bob.Locator(".acting-as")).ToContainTextAsync("As Riverside Neighbours");
        var bobBox = bob.GetByLabel("Your message");
        await Expect(bobBox).ToBeEnabledAsync();
        await bobBox.FillAsync("Thanks Dave, we are calling the city tomorrow morning.");
        await bobBox.PressAsync("Enter");
        await Expect(bob.Locator(".message-group.mine").Last).ToContainTextAsync("You for Riverside Neighbours");

        var answer = dave.Locator(".message-group").Last;
        await Expect(answer).ToContainTextAsync("Thanks Dave, we are calling the city tomorrow morning.");
        await Expect(answer).ToHaveAttributeAsync("data-sender", "neighbours");
        await Expect(answer.Locator(".message-sender")).ToHaveTextAsync("Riverside Neighbours");

        await alice.GotoAsync(new Uri(bob.Url).PathAndQuery);
        await Expect(alice.Locator(".message-group").Last.Locator(".message-sender"))
            .ToHaveTextAsync("Bob Nguyen for Riverside Neighbours");

        var carol = await SignedInPageAsync("carol");
        await carol.GotoAsync("/profiles/neighbours");
        await Expect(carol.GetByRole(AriaRole.Button, new() { Name = "Leave group" })).ToBeVisibleAsync();
        await Expect(carol.Locator(".group-tabs")).ToHaveCountAsync(0);
        await carol.GotoAsync("/profiles/neighbours/conversations");
        await Expect(carol.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
        await carol.GotoAsync(new Uri(bob.Url).PathAndQuery);
        await Expect(carol.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
        await Expect(carol.GetByText("Thanks Dave")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_manager_starts_a_conversation_in_the_group_name_from_the_group_inbox()
    {
        var alice = await SignedInPageAsync("alice");
        await alice.GotoAsync("/profiles/neighbours/conversations");
        await alice.GetByRole(AriaRole.Button, new() { Name = "New conversation" }).ClickAsync();
        var dialog = alice.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("New conversation as Riverside Neighbours");
        await dialog.GetByLabel("Search people and groups").FillAsync("oscar");
        await alice.Locator(".recipient-option[data-nickname=oscar]").ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Remove recipient Oscar Lindqvist" }))
            .ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        await Expect(alice).ToHaveURLAsync(new Regex("/profiles/neighbours/conversations/new\\?to=oscar$"));
        await Expect(alice.Locator(".acting-as")).ToContainTextAsync("As Riverside Neighbours");
        var box = alice.GetByLabel("Your message");
        await Expect(box).ToBeEnabledAsync();
        await box.FillAsync("Hello Oscar, could the football club join the street party?");
        await box.PressAsync("Enter");

        await Expect(alice).ToHaveURLAsync(GroupConversation());
        await Expect(alice.Locator(".message-group.mine").Last).ToContainTextAsync("You for Riverside Neighbours");
        var oscar = await SignedInPageAsync("oscar");
        await oscar.GotoAsync("/conversations");
        await Expect(oscar.Locator(".inbox-row").First).ToContainTextAsync("Riverside Neighbours");
        await Expect(oscar.Locator(".inbox-row").First)
            .ToContainTextAsync("Hello Oscar, could the football club join the street party?");
    }

    [Fact]
    public async Task A_participant_creates_a_group_invites_a_member_from_its_page_and_they_join_by_accepting()
    {
        var page = await SignedInPageAsync("grace");
        await page.GotoAsync("/profiles/grace");
        // Following a link while the page's circuit is still starting can leave the next page static: wait until it is interactive.
        await Expect(page.Locator(".avatar-button[data-interactive=true]")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Create a group" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/groups/new$"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create group" })).ToBeEnabledAsync();
        var nickname = "parents_" + Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("School Parents");
        await page.GetByLabel("Nickname").FillAsync(nickname);
        await page.GetByLabel("Description").FillAsync("Parents of the Riverside school.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create group" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/profiles/{nickname}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "School Parents" })).ToBeVisibleAsync();
        await page.GetByLabel("Invite a member by @nickname").FillAsync("judy");
        await page.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Invitation sent to @judy" }))
            .ToBeVisibleAsync();
        await Expect(page.Locator(".member-list:not(.pending-invitations) .member-row[data-nickname=judy]"))
            .ToHaveCountAsync(0); // not a member until she accepts
        await Expect(page.Locator(".pending-invitations .member-row[data-nickname=judy]")).ToBeVisibleAsync(); // invited, not answered yet

        var judy = await SignedInPageAsync("judy");
        await judy.GotoAsync("/conversations");
        var invitation = judy.GetByRole(AriaRole.Region, new() { Name = "Invitations to groups" });
        await Expect(invitation).ToContainTextAsync("School Parents");
        await invitation
            .GetByRole(AriaRole.Button, new() { Name = "Accept the invitation to School Parents" })
            .ClickAsync();
        await Expect(judy.GetByText("You are now a member of School Parents.")).ToBeVisibleAsync();
        await judy.Context.CloseAsync();

        await page.ReloadAsync();
        await Expect(page.Locator(".member-row[data-nickname=judy]")).ToContainTextAsync("member");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make admin: Judy Alvarez" }).ClickAsync();
        await Expect(page.Locator(".member-row[data-nickname=judy] .role-chip")).ToHaveTextAsync("admin");
        await Expect(page.GetByText("Group · 2 members")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Artifacts.PathFor("group-profile.png") });
    }

    private Task<IPage> SignedInPageAsync(string nickname) =>
        browser.SignedInPageAsync($"{nickname}@example.org", "Demo!2345");

    private static ILocator Badge(IPage page) => page.Locator(".account-menu .mud-badge");

    private static async Task<int> BadgeAsync(IPage page) =>
        await Badge(page).CountAsync() == 0
            ? 0
            : int.Parse(Number().Match(await Badge(page).GetAttributeAsync("aria-label") ?? "0").Value);

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Number();

    [GeneratedRegex("/conversations/[0-9a-f-]{36}$")]
    private static partial Regex PersonalConversation();

    [GeneratedRegex("/profiles/neighbours/conversations/[0-9a-f-]{36}$")]
    private static partial Regex GroupConversation();
}

using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Tests.EndToEnd;

[Collection(SessionsBrowserCollection.Name)]
public class SafetyJourneyTests(Browser browser)
{
    [Fact]
    public async Task Turning_off_allow_anyone_following_and_blocking_change_who_may_press_message()
    {
        var (picky, other) = (
            await browser.App.RegisterAsync(name: "Paula Picky"),
            await browser.App.RegisterAsync(name: "Oliver Other")
        );
        var earlier = (
            await browser
                .App.Get<StartConversation>()
                .HandleAsync(new StartConversationCommand(Actor.Person(other.Id), [picky.Id], "Before any of this"))
        )
            .Value!
            .ConversationId;
        var pickyPage = await SignedInAsync(picky.Email!);
        var otherPage = await SignedInAsync(other.Email!);

        await pickyPage.GotoAsync("/settings");
        // The choice is the server's: clicked once the page is live, then shown checked when the server has kept it.
        var onlyFollowed = pickyPage.GetByRole(AriaRole.Radio, new() { Name = "Only people and groups I follow" });
        await Expect(onlyFollowed).ToBeEnabledAsync();
        await onlyFollowed.ClickAsync();
        await Expect(onlyFollowed).ToBeCheckedAsync();
        await Expect(pickyPage.GetByText("Only people and groups you follow can write to you now.")).ToBeVisibleAsync();

        await otherPage.GotoAsync($"/profiles/{picky.Nickname}");
        await Expect(MessageButton(otherPage)).ToBeDisabledAsync();
        await Expect(otherPage.GetByText("Paula Picky does not accept messages from you.")).ToBeVisibleAsync();

        await pickyPage.GotoAsync($"/profiles/{other.Nickname}");
        await pickyPage.GetByRole(AriaRole.Button, new() { Name = "Follow", Exact = true }).ClickAsync();
        await Expect(pickyPage.GetByRole(AriaRole.Button, new() { Name = "Following" })).ToBeVisibleAsync();
        await Expect(pickyPage.Locator(".followers")).ToHaveTextAsync("1 follower");
        await otherPage.ReloadAsync();
        await Expect(MessageButton(otherPage)).ToBeEnabledAsync();

        await pickyPage.GetByRole(AriaRole.Button, new() { Name = "Block", Exact = true }).ClickAsync();
        await pickyPage.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Block" }).ClickAsync();
        await Expect(pickyPage.GetByRole(AriaRole.Button, new() { Name = "Unblock" })).ToBeVisibleAsync();
        await otherPage.ReloadAsync();
        await Expect(MessageButton(otherPage)).ToBeDisabledAsync();
        await Expect(otherPage.GetByText("Paula Picky does not accept messages from you.")).ToBeVisibleAsync();
        await otherPage.GotoAsync($"/conversations/{earlier}");
        await Expect(otherPage.Locator(".message-bubble")).ToHaveTextAsync("Before any of this");
        await Expect(otherPage.Locator(".reply-refused"))
            .ToHaveTextAsync("Paula Picky does not accept messages from you.");
        await Expect(otherPage.GetByLabel("Your message")).ToHaveCountAsync(0);

        await pickyPage.GotoAsync("/settings");
        await pickyPage.GetByRole(AriaRole.Button, new() { Name = "Unblock Oliver Other" }).ClickAsync();
        await Expect(pickyPage.GetByText("Oliver Other is unblocked.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_participant_deletes_their_account_with_their_password_and_cannot_log_in_again()
    {
        var (leaver, friend) = (
            await browser.App.RegisterAsync(name: "Leo Leaving"),
            await browser.App.RegisterAsync()
        );
        var conversation = (
            await browser
                .App.Get<StartConversation>()
                .HandleAsync(new StartConversationCommand(Actor.Person(leaver.Id), [friend.Id], "Goodbye, friend"))
        )
            .Value!
            .ConversationId;
        var page = await SignedInAsync(leaver.Email!);
        await page.GotoAsync("/settings");
        await page.GetByRole(AriaRole.Link, new() { Name = "Delete my account…" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Delete your account" })).ToBeVisibleAsync();

        await page.GetByLabel("Your password").FillAsync("not my password");
        await page.GetByLabel("I understand: delete my account for good").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickAsync();
        await Expect(page.GetByText("That is not your password.")).ToBeVisibleAsync();

        await page.GetByLabel("Your password").FillAsync(AppUsers.Password);
        await page.GetByLabel("I understand: delete my account for good").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your account is deleted" })).ToBeVisibleAsync();
        await Expect(page.Locator(".avatar-button")).ToHaveCountAsync(0);

        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(leaver.Email!);
        await page.GetByLabel("Password").FillAsync(AppUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.GetByText("This email and password do not match an account.")).ToBeVisibleAsync();
        await page.GotoAsync($"/profiles/{leaver.Nickname}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();

        var friendPage = await SignedInAsync(friend.Email!);
        await friendPage.GotoAsync($"/conversations/{conversation}");
        await Expect(friendPage.Locator(".message-group .message-sender")).ToHaveTextAsync("Deleted participant");
        await Expect(friendPage.Locator(".message-bubble")).ToHaveTextAsync("Goodbye, friend");
        await Expect(friendPage.Locator(".message-group .deleted-avatar")).ToHaveCountAsync(1);
        await Expect(friendPage.Locator(".reply-refused"))
            .ToHaveTextAsync("Everyone else in this conversation has deleted their account, so it is read-only.");
    }

    [Fact]
    public async Task A_block_holds_through_a_group_the_blocked_person_makes_and_a_group_can_be_blocked_from_its_profile()
    {
        var (alice, mallory) = (
            await browser.App.RegisterAsync(name: "Alice Shielded"),
            await browser.App.RegisterAsync(name: "Mallory Sly")
        );
        var alicePage = await SignedInAsync(alice.Email!);
        await alicePage.GotoAsync($"/profiles/{mallory.Nickname}");
        await alicePage.GetByRole(AriaRole.Button, new() { Name = "Block", Exact = true }).ClickAsync();
        await alicePage.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Block" }).ClickAsync();
        await Expect(alicePage.GetByRole(AriaRole.Button, new() { Name = "Unblock" })).ToBeVisibleAsync();

        // mallory makes a group and tries to write to alice in its name: told before she types, in the words of any refusal.
        var decoy = (
            await browser
                .App.Get<Conversations.Domain.Groups.CreateGroup>()
                .HandleAsync(
                    new Conversations.Domain.Groups.CreateGroupCommand(
                        mallory.Id,
                        "Friendly Neighbours",
                        "fn" + Guid.NewGuid().ToString("N")[..10],
                        ""
                    )
                )
        ).Value!;
        var malloryPage = await SignedInAsync(mallory.Email!);
        await malloryPage.GotoAsync($"/profiles/{decoy.Nickname}/conversations/new?to={alice.Nickname}");
        await Expect(malloryPage.GetByText("Alice Shielded does not accept messages from you.")).ToBeVisibleAsync();
        await Expect(malloryPage.GetByLabel("Your message")).ToHaveCountAsync(0);

        // alice blocks another group from its profile: nobody writing as it reaches her.
        var (manager, shouty) = (
            await browser.App.RegisterAsync(name: "Manny Manager"),
            "sh" + Guid.NewGuid().ToString("N")[..10]
        );
        var loud = (
            await browser
                .App.Get<Conversations.Domain.Groups.CreateGroup>()
                .HandleAsync(new Conversations.Domain.Groups.CreateGroupCommand(manager.Id, "Loud Club", shouty, ""))
        ).Value!;
        await alicePage.GotoAsync($"/profiles/{loud.Nickname}");
        await alicePage.GetByRole(AriaRole.Button, new() { Name = "Block", Exact = true }).ClickAsync();
        var dialog = alicePage.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Nobody writing as Loud Club will be able to reach you");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Block" }).ClickAsync();
        await Expect(alicePage.GetByRole(AriaRole.Button, new() { Name = "Unblock" })).ToBeVisibleAsync();
        var sent = await browser
            .App.Get<StartConversation>()
            .HandleAsync(
                new StartConversationCommand(
                    Actor.ManagerOf(new GroupId(loud.Id), new PersonId(manager.Id)),
                    [alice.Id],
                    "Join our loud club!"
                )
            );
        sent.Problem.Should().BeOfType<Conversations.Domain.Common.NotAllowed>();
    }

    private static ILocator MessageButton(IPage page) =>
        page.GetByRole(AriaRole.Button, new() { Name = "Message", Exact = true });

    private Task<IPage> SignedInAsync(string email) => browser.SignedInPageAsync(email, AppUsers.Password);
}

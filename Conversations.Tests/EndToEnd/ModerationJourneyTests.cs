using System.Text.RegularExpressions;
using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Moderation;
using Conversations.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Tests.EndToEnd;

/// <summary>A report, a platform block that ends the reported person's open tab at once, and an unblock.</summary>
[Collection(DesktopBrowserCollection.Name)]
public class ModerationJourneyTests(Browser browser)
{
    [Fact]
    public async Task Bob_reports_Mallory_the_administrator_blocks_her_her_tab_ends_her_sign_in_is_refused_Alice_reads_why_and_an_unblock_lets_her_back()
    {
        var (alice, bob, mallory, admin) = (
            await browser.App.RegisterAsync(name: "Alice Reader"),
            await browser.App.RegisterAsync(name: "Bob Reporter"),
            await browser.App.RegisterAsync(name: "Mallory Troll"),
            await browser.App.RegisterAsync(name: "Rosa Moderator")
        );
        (await browser.App.Get<Administrators>().GrantAsync(admin.Email!)).Should().BeTrue();
        var start = browser.App.Get<StartConversation>();
        var withAlice = (
            await start.HandleAsync(
                new StartConversationCommand(Actor.Person(mallory.Id), [alice.Id], "You will regret your proposal.")
            )
        )
            .Value!
            .ConversationId;
        await start.HandleAsync(
            new StartConversationCommand(Actor.Person(mallory.Id), [bob.Id], "Stop posting, or else.")
        );

        var malloryTab = await browser.NewPageAsync();
        await AccountJourneyTests.LogInAsync(malloryTab, mallory.Email!, AppUsers.Password);
        await malloryTab.GotoAsync("/conversations");
        await Expect(malloryTab.Locator(".inbox-row")).ToHaveCountAsync(2);

        var bobPage = await browser.NewPageAsync();
        await AccountJourneyTests.LogInAsync(bobPage, bob.Email!, AppUsers.Password);
        await bobPage.GotoAsync($"/profiles/{mallory.Nickname}");
        await bobPage.GetByRole(AriaRole.Button, new() { Name = "Report", Exact = true }).ClickAsync();
        await bobPage.GetByRole(AriaRole.Radio, new() { Name = "Offensive" }).CheckAsync();
        await bobPage.GetByLabel("Details (optional)").FillAsync("Threatening messages to residents.");
        await bobPage.GetByRole(AriaRole.Button, new() { Name = "Send report" }).ClickAsync();
        await Expect(bobPage.GetByText("You reported this participant.")).ToBeVisibleAsync();

        var adminPage = await browser.NewPageAsync();
        await AccountJourneyTests.LogInAsync(adminPage, admin.Email!, AppUsers.Password);
        await adminPage.Locator(".avatar-button[data-interactive=true]").ClickAsync();
        await adminPage.GetByRole(AriaRole.Menuitem, new() { Name = "Moderation" }).ClickAsync();
        var card = adminPage.Locator($".reported[data-nickname={mallory.Nickname}]");
        await Expect(card).ToContainTextAsync("1 report");
        await Expect(card).ToContainTextAsync("Offensive");
        await Expect(card).ToContainTextAsync("Threatening messages to residents.");
        await card.GetByLabel("Reason for your decision").FillAsync("Threats to residents");
        await card.GetByRole(AriaRole.Button, new() { Name = $"Block participant {mallory.DisplayName}" }).ClickAsync();
        await Expect(adminPage.Locator(".blocked-participants")).ToContainTextAsync(mallory.DisplayName);
        await Expect(adminPage.Locator("table.audit")).ToContainTextAsync("Threats to residents");

        await Expect(malloryTab).ToHaveURLAsync(new Regex("/Account/Login"), new() { Timeout = 30_000 });
        await malloryTab.GetByLabel("Email").FillAsync(mallory.Email!);
        await malloryTab.GetByLabel("Password").FillAsync(AppUsers.Password);
        await malloryTab.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(malloryTab.GetByRole(AriaRole.Main).GetByRole(AriaRole.Alert))
            .ToHaveTextAsync("This account is blocked on the platform by its moderators: it cannot log in.");

        var alicePage = await browser.NewPageAsync();
        await AccountJourneyTests.LogInAsync(alicePage, alice.Email!, AppUsers.Password);
        await alicePage.GotoAsync($"/conversations/{withAlice}");
        await Expect(alicePage.Locator(".reply-refused"))
            .ToHaveTextAsync(
                $"This conversation is read-only: the platform's moderators blocked {mallory.DisplayName}."
            );
        await bobPage.GotoAsync($"/profiles/{mallory.Nickname}");
        await Expect(bobPage.Locator(".message-refusal"))
            .ToHaveTextAsync(
                $"The platform's moderators blocked {mallory.DisplayName}: nobody can write to them.",
                new() { Timeout = 30_000 }
            ); // a profile has no conversation to call read-only
        await Expect(alicePage.Locator(".message-bubble")).ToHaveTextAsync("You will regret your proposal.");
        await Expect(alicePage.Locator("textarea")).ToHaveCountAsync(0);
        await alicePage.GotoAsync($"/profiles/{mallory.Nickname}");
        await Expect(alicePage.Locator(".blocked-chip")).ToHaveTextAsync("Blocked participant");

        var row = adminPage.Locator(".blocked-participants .member-row", new() { HasText = mallory.DisplayName });
        await row.GetByLabel("Reason for your decision").FillAsync("She apologised in writing");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Unblock {mallory.DisplayName}" }).ClickAsync();
        await Expect(adminPage.Locator(".blocked-participants")).Not.ToContainTextAsync(mallory.DisplayName);

        await AccountJourneyTests.LogInAsync(malloryTab, mallory.Email!, AppUsers.Password);
        await alicePage.GotoAsync($"/conversations/{withAlice}");
        await Expect(alicePage.Locator("textarea")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Alice_reports_a_groups_message_the_administrator_sees_who_wrote_it_blocks_the_group_and_unblocks_it()
    {
        var (alice, manager, admin) = (
            await browser.App.RegisterAsync(name: "Alice Pestered"),
            await browser.App.RegisterAsync(name: "Manny Behind"),
            await browser.App.RegisterAsync(name: "Rosa Groups")
        );
        (await browser.App.Get<Administrators>().GrantAsync(admin.Email!)).Should().BeTrue();
        var group = (
            await browser
                .App.Get<Conversations.Domain.Groups.CreateGroup>()
                .HandleAsync(
                    new Conversations.Domain.Groups.CreateGroupCommand(
                        manager.Id,
                        "Raffle Club",
                        "rc" + Guid.NewGuid().ToString("N")[..10],
                        ""
                    )
                )
        ).Value!;
        var id = (
            await browser
                .App.Get<StartConversation>()
                .HandleAsync(
                    new StartConversationCommand(
                        Actor.ManagerOf(new GroupId(group.Id), new PersonId(manager.Id)),
                        [alice.Id],
                        "Buy raffle tickets, now!!!"
                    )
                )
        )
            .Value!
            .ConversationId;

        // alice reports the group's message from the conversation.
        var alicePage = await browser.NewPageAsync();
        await AccountJourneyTests.LogInAsync(alicePage, alice.Email!, AppUsers.Password);
        await alicePage.GotoAsync($"/conversations/{id}");
        await Expect(alicePage.Locator(".conversation[data-seen]")).ToHaveCountAsync(1); // interactive: the page listens
        await alicePage
            .GetByRole(AriaRole.Button, new() { Name = "Report this message from Raffle Club" })
            .ClickAsync();
        await alicePage.GetByRole(AriaRole.Radio, new() { Name = "Spam" }).CheckAsync();
        await alicePage.GetByRole(AriaRole.Button, new() { Name = "Send report" }).ClickAsync();
        await Expect(alicePage.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        // the administrator sees the group, its message and the person who wrote it; blocks the group.
        var adminPage = await browser.NewPageAsync();
        await AccountJourneyTests.LogInAsync(adminPage, admin.Email!, AppUsers.Password);
        await adminPage.GotoAsync("/moderation");
        await Expect(adminPage.Locator(".avatar-button[data-interactive=true]")).ToBeVisibleAsync(); // the page listens before we act
        var card = adminPage.Locator($".reported[data-nickname={group.Nickname}]");
        await Expect(card).ToContainTextAsync("Buy raffle tickets, now!!!");
        await Expect(card).ToContainTextAsync($"Written in the group's name by Manny Behind (@{manager.Nickname})");
        await card.GetByLabel("Reason for your decision").FillAsync("Spam in the club's name");
        await card.GetByRole(AriaRole.Button, new() { Name = "Block participant Raffle Club" }).ClickAsync();
        await Expect(adminPage.Locator(".blocked-participants")).ToContainTextAsync("Raffle Club");

        // nobody writes to it, nor in its name; its conversation stays readable.
        await alicePage.GotoAsync($"/conversations/{id}");
        await Expect(alicePage.Locator(".reply-refused"))
            .ToHaveTextAsync("This conversation is read-only: the platform's moderators blocked Raffle Club.");
        await Expect(alicePage.Locator(".message-bubble")).ToHaveTextAsync("Buy raffle tickets, now!!!");
        var managerPage = await browser.NewPageAsync();
        await AccountJourneyTests.LogInAsync(managerPage, manager.Email!, AppUsers.Password);
        await managerPage.GotoAsync($"/profiles/{group.Nickname}/conversations/{id}");
        await Expect(managerPage.Locator(".reply-refused"))
            .ToContainTextAsync("Raffle Club is blocked on the platform: nobody writes in its name.");

        var row = adminPage.Locator(".blocked-participants .member-row", new() { HasText = "Raffle Club" });
        await row.GetByLabel("Reason for your decision").FillAsync("The club promised to stop");
        await row.GetByRole(AriaRole.Button, new() { Name = "Unblock Raffle Club" }).ClickAsync();
        await Expect(adminPage.Locator(".blocked-participants")).Not.ToContainTextAsync("Raffle Club");
        await Expect(adminPage.Locator("table.audit")).ToContainTextAsync("The club promised to stop");
        await managerPage.ReloadAsync();
        await Expect(managerPage.Locator("textarea")).ToHaveCountAsync(1);
    }
}

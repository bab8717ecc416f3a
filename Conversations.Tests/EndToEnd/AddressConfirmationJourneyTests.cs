using System.Text.RegularExpressions;
using Conversations.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Tests.EndToEnd;

/// <summary>A newcomer's address is confirmed by the link mailed to it; until then the pages say why they cannot write.</summary>
[Collection(BrowserCollection.Name)]
public partial class AddressConfirmationJourneyTests(Browser browser)
{
    [Fact]
    public async Task An_unconfirmed_newcomer_cannot_start_a_conversation_until_they_follow_the_link_from_the_email()
    {
        await using var smtp = SmtpCatcher.Start();
        await using var app = await EmailApp.StartAsync(browser.App.ConnectionString, smtp);
        var friend = await app.RegisterAsync(name: "Fran Friend");
        var nickname = "c" + Guid.NewGuid().ToString("N")[..10];
        var address = $"{nickname}@example.org";
        var context = await browser.Chromium.NewContextAsync(new() { BaseURL = app.BaseUrl });
        var page = await context.NewPageAsync();

        await page.GotoAsync("Account/Register");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Cleo Confirm");
        await page.GetByLabel("Nickname").FillAsync(nickname);
        await page.GetByLabel("Email").FillAsync(address);
        await page.GetByLabel("Password").FillAsync("Welcome!42");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        var almostThere = $"Almost there: we sent a link to {address}. Follow it to confirm your address, then log in.";
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(almostThere);

        // Registering again with the same address answers exactly the same, and only the address's owner learns more.
        var again = await browser.Chromium.NewContextAsync(new() { BaseURL = app.BaseUrl });
        var second = await again.NewPageAsync();
        await second.GotoAsync("Account/Register");
        await second.GetByLabel("Name", new() { Exact = true }).FillAsync("Someone Else");
        await second.GetByLabel("Nickname").FillAsync("d" + Guid.NewGuid().ToString("N")[..10]);
        await second.GetByLabel("Email").FillAsync(address);
        await second.GetByLabel("Password").FillAsync("Other!Pass42");
        await second.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(second.GetByRole(AriaRole.Status)).ToHaveTextAsync(almostThere);
        await again.CloseAsync();

        await AccountJourneyTests.LogInAsync(page, address, "Welcome!42"); // an unconfirmed account signs in and reads
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Confirm your email address" }))
            .ToContainTextAsync($"follow the link we sent to {address}");

        await page.GotoAsync($"conversations/new?to={friend.Nickname}");
        var box = page.GetByLabel("Your message");
        await Expect(box).ToBeEnabledAsync();
        await box.FillAsync("Hello before confirming");
        await box.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Confirm your email address to write" }))
            .ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/conversations/new"), new() { Timeout = 1_000 });

        await Eventually.TrueAsync(() => smtp.To(address).Count == 2, "both emails arrive", TimeSpan.FromSeconds(30));
        var emails = smtp.To(address).ToList();
        emails
            .Select(m => m.Subject)
            .Should()
            .BeEquivalentTo(
                "Confirm your email address for Conversations",
                "Your address is already used on Conversations"
            );
        var email = emails.Single(m => m.Subject == "Confirm your email address for Conversations");
        var link = new Uri(ConfirmLink().Match(email.TextBody!).Value);
        await page.GotoAsync(link.PathAndQuery.TrimStart('/'));
        await Expect(page.GetByRole(AriaRole.Status))
            .ToHaveTextAsync($"Thank you: {address} is confirmed. You can now start conversations and write messages.");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Confirm your email address" }))
            .ToHaveCountAsync(0);

        await page.GotoAsync($"conversations/new?to={friend.Nickname}");
        box = page.GetByLabel("Your message");
        await Expect(box).ToBeEnabledAsync();
        await box.FillAsync("Hello after confirming");
        await box.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/conversations/[0-9a-f-]{36}$"));
        await Expect(page.GetByText("Hello after confirming")).ToBeVisibleAsync();
        await context.CloseAsync();
    }

    [GeneratedRegex(@"https://conversations\.test/Account/ConfirmAddress\?\S+")]
    private static partial Regex ConfirmLink();
}

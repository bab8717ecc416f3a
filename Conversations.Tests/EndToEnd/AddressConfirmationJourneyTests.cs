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
        await using var app = new AppHost(browser.App.ConnectionString, new Dictionary<string, string>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:PublicUrl"] = "https://conversations.test/",
            ["Email:CheckEvery"] = "00:00:00.200",
        });
        await app.InitializeAsync();
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
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Confirm your email address" })).ToContainTextAsync($"follow the link we sent to {address}");

        await page.GotoAsync($"conversations/new?to={friend.Nickname}");
        var box = page.GetByLabel("Your message");
        await Expect(box).ToBeEnabledAsync();
        await box.FillAsync("Hello before confirming");
        await box.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Confirm your email address to write" })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/conversations/new"), new() { Timeout = 1_000 });

        await Eventually.TrueAsync(() => smtp.Received.Any(m => m.To.Mailboxes.Any(a => a.Address == address)), "the confirmation email arrives", TimeSpan.FromSeconds(30));
        var email = smtp.Received.Single(m => m.To.Mailboxes.Any(a => a.Address == address));
        email.Subject.Should().Be("Confirm your email address for Conversations");
        var link = new Uri(ConfirmLink().Match(email.TextBody!).Value);
        await page.GotoAsync(link.PathAndQuery.TrimStart('/'));
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Thank you: {address} is confirmed. You can now start conversations and write messages.");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Confirm your email address" })).ToHaveCountAsync(0);

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

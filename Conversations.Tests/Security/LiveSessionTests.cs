using Conversations.Domain.Participants;
using Conversations.Domain.Realtime;
using Conversations.Tests.EndToEnd;
using Conversations.Tests.Support;
using Conversations.Web.Live;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Tests.Security;

/// <summary>
/// Open pages and hub connections of a session that ends close at once, not at the next periodic check (here ten
/// minutes away), and a person keeps at most <c>Security:MaxWindowsPerPerson</c> windows open (issue 14, finding 6).
/// </summary>
[Collection(SessionsBrowserCollection.Name)]
public class LiveSessionTests(Browser browser)
{
    [Fact]
    public async Task Logging_out_a_session_elsewhere_sends_its_open_page_to_log_in_and_closes_its_hub_connection_at_once()
    {
        await using var app = await AppAsync();
        var person = await app.RegisterAsync();
        var page = await PageAsync(app);
        await AccountJourneyTests.LogInAsync(page, person.Email!, AppUsers.Password);
        await OpenConversationsAsync(page);
        using var sameSession = WebSession.Replaying(app, await CookieHeaderAsync(page)); // the same sign-in session as the page
        await using var hub = await UnreadHubClient.ConnectAsync(app, await CookieHeaderAsync(page));
        var hubClosed = new TaskCompletionSource();
        hub.Closed += _ =>
        {
            hubClosed.TrySetResult();
            return Task.CompletedTask;
        };

        await sameSession.LogOutAsync();

        await Expect(page)
            .ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"), new() { Timeout = 30_000 });
        await hubClosed.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Logging_out_through_one_server_ends_the_open_page_on_another_server_at_once()
    {
        await using var serverA = await AppAsync();
        await using var serverB = await AppAsync();
        await serverB.Get<NotificationRelay>().Listening.WaitAsync(TimeSpan.FromSeconds(30)); // B hears what A commits from now on
        var person = await serverA.RegisterAsync();
        var onB = await PageAsync(serverB);
        await AccountJourneyTests.LogInAsync(onB, person.Email!, AppUsers.Password);
        await OpenConversationsAsync(onB);

        using var sameSessionOnA = WebSession.Replaying(serverA, await CookieHeaderAsync(onB)); // both servers read each other's cookies
        await sameSessionOnA.LogOutAsync();

        await Expect(onB)
            .ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"), new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task Deleting_the_account_on_one_device_ends_the_open_pages_of_another_at_once()
    {
        await using var app = await AppAsync();
        var person = await app.RegisterAsync();
        var phone = await PageAsync(app);
        await AccountJourneyTests.LogInAsync(phone, person.Email!, AppUsers.Password);
        await OpenConversationsAsync(phone);

        var deleted = await app.InScopeAsync<DeleteAccount, bool>(d =>
            d.HandleAsync(new DeleteAccountCommand(person.Id, AppUsers.Password, Confirmed: true))
        );

        deleted.Succeeded.Should().BeTrue();
        await Expect(phone)
            .ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"), new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task Opening_one_window_more_than_allowed_closes_the_oldest_and_says_why()
    {
        await using var app = await AppAsync(maxWindows: 2);
        var person = await app.RegisterAsync();
        var first = await PageAsync(app);
        await AccountJourneyTests.LogInAsync(first, person.Email!, AppUsers.Password);
        var second = await first.Context.NewPageAsync();
        await second.GotoAsync("/conversations");
        await Expect(second.Locator(".avatar-button[data-interactive=true]")).ToBeVisibleAsync();
        await Eventually.TrueAsync(() => app.Get<LiveCircuits>().CountOf(person.Id) == 2, "two windows are open");

        var third = await first.Context.NewPageAsync();
        await third.GotoAsync("/conversations");
        await Expect(third.Locator(".avatar-button[data-interactive=true]")).ToBeVisibleAsync();

        await Expect(first).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/TooManyWindows"));
        await Expect(first.GetByRole(AriaRole.Heading, new() { Name = "Conversations is open in too many windows" }))
            .ToBeVisibleAsync();
        await Expect(first.GetByText("up to 2 windows or tabs")).ToBeVisibleAsync();
        second.Url.Should().EndWith("/conversations", "the newer windows stay");
        await Eventually.TrueAsync(
            () => app.Get<LiveCircuits>().CountOf(person.Id) == 2,
            "the oldest window's circuit is gone"
        );
    }

    /// <summary>A page only a signed-in person sees: when its circuit's sign-in ends, it sends the browser to log in.</summary>
    private static async Task OpenConversationsAsync(IPage page)
    {
        await page.GotoAsync("/conversations");
        await Expect(page.Locator(".avatar-button[data-interactive=true]")).ToBeVisibleAsync();
    }

    private async Task<AppHost> AppAsync(int maxWindows = 10)
    {
        var app = new AppHost(
            browser.App.ConnectionString,
            new Dictionary<string, string>
            {
                ["Security:RevalidateEvery"] = "00:10:00", // the periodic checks are far away: only the news can close anything
                ["Security:MaxWindowsPerPerson"] = maxWindows.ToString(
                    System.Globalization.CultureInfo.InvariantCulture
                ),
                ["Demo:Load"] = "false",
            }
        );
        await app.InitializeAsync();
        return app;
    }

    private async Task<IPage> PageAsync(AppHost app)
    {
        var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    private static async Task<string> CookieHeaderAsync(IPage page) =>
        string.Join("; ", (await page.Context.CookiesAsync()).Select(c => $"{c.Name}={c.Value}"));
}

using Conversations.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public class AccountJourneyTests(Browser browser)
{
    [Fact]
    public async Task A_newcomer_registers_opens_their_profile_from_the_avatar_menu_logs_out_and_logs_back_in()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Register" }).First.ClickAsync();

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Nina Newcomer");
        await page.GetByLabel("Nickname").FillAsync("nina");
        await page.GetByLabel("Email").FillAsync("nina@example.org");
        await page.GetByLabel("Password").FillAsync("Welcome!42");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/profiles/nina$"));
        await OpenAvatarMenuAsync(page);
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Profile" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nina Newcomer" })).ToBeVisibleAsync();
        await Expect(page.GetByText("@nina", new() { Exact = true }).First).ToBeVisibleAsync();
        await Expect(page.Locator("footer").GetByRole(AriaRole.Link, new() { Name = "Conversations" }))
            .ToBeVisibleAsync();

        await OpenAvatarMenuAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Log in" }).First).ToBeVisibleAsync();
        await Expect(page.Locator(".avatar-button")).ToHaveCountAsync(0);

        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync("nina@example.org");
        await page.GetByLabel("Password").FillAsync("Welcome!42");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Account menu of Nina Newcomer" }))
            .ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_demo_participant_sees_the_signed_in_shell_with_menu_and_footer()
    {
        var page = await browser.NewPageAsync();
        await LogInAsync(page, "alice@example.org", "Demo!2345");

        await OpenAvatarMenuAsync(page);
        foreach (var item in new[] { "Profile", "Conversations", "Settings" })
        {
            await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = item })).ToBeVisibleAsync();
        }

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log out" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Artifacts.PathFor("signed-in-shell.png") });
    }

    [Fact]
    public async Task Wrong_credentials_are_refused_with_a_clear_message()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync("alice@example.org");
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Alert))
            .ToContainTextAsync("do not match an account"); // the form's own words
    }

    [Fact]
    public async Task The_frameworks_error_banner_stays_hidden_while_the_stylesheet_has_not_arrived()
    {
        // Under load a page's DOM can be read before its stylesheets apply (a busy CI run saw the banner beside the log-in
        // form's message): the banner is hidden by the markup itself, not only by the stylesheet.
        var page = await browser.NewPageAsync();
        await page.RouteAsync("**/*.css", route => route.AbortAsync()); // app.css and MudBlazor's both hide it
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync("alice@example.org");
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("do not match an account");
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task The_components_own_styles_arrive_with_every_page()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        var href = await page.Locator("link[rel=stylesheet][href*='styles']").GetAttributeAsync("href");
        var styles = await page.APIRequest.GetAsync(href!);

        styles.Status.Should().Be(200);
        (await styles.TextAsync())
            .Should()
            .MatchRegex(@"\.reply-box\[b-\w+\]")
            .And.MatchRegex(@"\.reconnect-modal\[b-\w+\]");
        // Scoped to the dialog: hidden until blazor.web.js says which state to show.
        (
            await page.Locator(".components-reconnect-first-attempt-visible")
                .EvaluateAsync<string>("e => getComputedStyle(e).display")
        )
            .Should()
            .Be("none");
    }

    [Fact]
    public async Task An_unknown_profile_is_a_not_found_page()
    {
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync("/profiles/nobody_at_all");

        response!.Status.Should().Be(404);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_shell_fits_a_phone_sized_screen()
    {
        var page = await browser.NewPageAsync(390, 844);
        await LogInAsync(page, "bob@example.org", "Demo!2345");

        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");

        overflow.Should().BeFalse();
        await OpenAvatarMenuAsync(page);
        await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Conversations" })).ToBeVisibleAsync();
    }

    internal static async Task LogInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.Locator(".avatar-button[data-interactive=true]")).ToBeVisibleAsync();
    }

    internal static async Task OpenAvatarMenuAsync(IPage page)
    {
        var avatar = page.Locator(".avatar-button[data-interactive=true]");
        await avatar.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Profile" })).ToBeVisibleAsync();
    }
}

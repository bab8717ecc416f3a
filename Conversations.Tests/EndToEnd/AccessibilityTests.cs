using Conversations.Domain.Common;
using Conversations.Domain.Groups;
using Conversations.Domain.Messaging;
using Conversations.Domain.Persistence;
using Conversations.Tests.Support;
using Deque.AxeCore.Commons;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Tests.EndToEnd;

/// <summary>
/// axe-core over every page, signed in as the person who would see it, on a desktop and on a phone, with the device set
/// to light and to dark: no serious or critical violation of WCAG 2.0/2.1 A and AA. No page and no rule is exempted.
/// </summary>
/// <remarks>
/// The desktop and the phone each have a class and a browser of their own (the checks take a minute or two per device),
/// so that they run beside the other browser tests. Each page is checked in the theme the device has when it opens,
/// then the device turns to the other one and the page is checked again: a live page follows it (as it does for a
/// person), a page rendered without a circuit is loaded again. The next page opens in the theme the last one ended in,
/// so both themes are also seen as the server first renders them. (A run per theme loaded every page twice: four runs
/// of 34 pages were a third of the suite's length.)
/// </remarks>
public abstract class AccessibilityChecks(Browser browser, ITestOutputHelper output)
{
    /// <summary>axe-core, as the package ships it.</summary>
    private static readonly string AxeSource = ReadAxeSource();

    private static string ReadAxeSource()
    {
        using var stream = typeof(AxeResult).Assembly.GetManifestResourceStream(
            "Deque.AxeCore.Commons.Resources.axe.min.js"
        )!;
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>
    /// axe over the page's document: WCAG 2.0/2.1 A and AA, violations only. Run in the page itself (the package's
    /// RunAxe finishes every run in a new blank page of its own, made for pages with frames: ~2 s a page where axe took
    /// 30–200 ms, 128 times — half the suite's length on a busy machine). The app's pages have no frames.
    /// </summary>
    private static async Task<AxeResult> RunAxeAsync(IPage page)
    {
        (await page.EvaluateAsync<int>("() => window.frames.length")).Should().Be(0, "axe here reads one document");
        if (!await page.EvaluateAsync<bool>("() => !!window.axe"))
        {
            await page.EvaluateAsync(AxeSource);
        }

        var results = await page.EvaluateAsync<string>(
            """
            () => axe.run(document, {
                runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
                resultTypes: ["violations"],
            }).then(r => JSON.stringify(r))
            """
        );
        return new AxeResult(Newtonsoft.Json.Linq.JObject.Parse(results));
    }

    protected async Task EveryPageAsync(string viewport)
    {
        var (me, friend) = (
            await browser.App.RegisterAsync(name: "Ada Access"),
            await browser.App.RegisterAsync(name: "Bea Braille")
        );
        var group = (
            await browser
                .App.Get<CreateGroup>()
                .HandleAsync(
                    new CreateGroupCommand(
                        me.Id,
                        "Reading Club",
                        "rc" + Guid.NewGuid().ToString("N")[..10],
                        "We read aloud."
                    )
                )
        ).Value!;
        var conversation = (
            await browser
                .App.Get<StartConversation>()
                .HandleAsync(
                    new StartConversationCommand(Actor.Person(friend.Id), [me.Id], "Hello, can you read this?")
                )
        )
            .Value!
            .ConversationId;
        await browser
            .App.Get<Reply>()
            .HandleAsync(
                new ReplyCommand(Actor.Person(me.Id), new ConversationId(conversation), "Yes, loud and clear.")
            );
        await browser
            .App.Get<StartConversation>()
            .HandleAsync(new StartConversationCommand(Actor.Person(friend.Id), [group.Id], "When do you meet?"));
        var archie = await browser.App.RegisterAsync(name: "Archie Old");
        var old = (
            await browser
                .App.Get<StartConversation>()
                .HandleAsync(new StartConversationCommand(Actor.Person(archie.Id), [me.Id], "An old thread"))
        )
            .Value!
            .ConversationId;
        await browser.App.Get<ArchiveConversation>().HandleAsync(Actor.Person(me.Id), new ConversationId(old), true); // the archived list
        await browser.App.Get<Mute>().ConversationAsync(Actor.Person(me.Id), new ConversationId(conversation), true); // a muted row
        var chess = (
            await browser
                .App.Get<CreateGroup>()
                .HandleAsync(
                    new CreateGroupCommand(friend.Id, "Chess Club", "cc" + Guid.NewGuid().ToString("N")[..10], "")
                )
        ).Value!;
        await browser
            .App.Get<InviteToGroup>()
            .HandleAsync(new InviteToGroupCommand(new PersonId(friend.Id), new GroupId(chess.Id), me.Nickname)); // the inbox shows it
        await browser.App.Get<Conversations.Domain.Moderation.Administrators>().GrantAsync(me.Email!); // the moderation page, with a report on it
        var critic = await browser.App.RegisterAsync(name: "Cora Critic");
        var bad = (
            await browser
                .App.Get<StartConversation>()
                .HandleAsync(new StartConversationCommand(Actor.Person(friend.Id), [critic.Id], "Rude words here"))
        ).Value!;
        await browser
            .App.Get<Conversations.Domain.Moderation.ReportParticipant>()
            .HandleAsync(
                new(
                    new PersonId(critic.Id),
                    new ParticipantId(friend.Id),
                    Conversations.Domain.Moderation.ReportReason.Offensive,
                    "Rude",
                    bad.MessageId
                )
            );
        await browser
            .App.Get<Conversations.Domain.Participants.SetMessagePreference>()
            .HandleAsync(me.Id, WhoMayWrite.StrangersAsRequests);
        var request = (
            await browser
                .App.Get<StartConversation>()
                .HandleAsync(new StartConversationCommand(Actor.Person(critic.Id), [me.Id], "May I ask you something?"))
        )
            .Value!
            .ConversationId;

        var (width, height) = viewport == "phone" ? (Browser.PhoneWidth, Browser.PhoneHeight) : (1280, 800);
        var visitor = await browser.NewPageAsync(width, height);
        var found = new List<string>();
        found.AddRange(await CheckAsync(visitor, "/", "home (anonymous)", ".home"));
        found.AddRange(await CheckAsync(visitor, "/Account/Login", "log in", "form"));
        found.AddRange(await CheckAsync(visitor, "/Account/Register", "register", "form"));
        found.AddRange(await CheckAsync(visitor, "/Account/ForgotPassword", "forgot password", "form"));
        found.AddRange(
            await CheckAsync(
                visitor,
                "/Account/ResetPassword?email=x%40example.org&code=abc",
                "choose a new password",
                "form"
            )
        );
        var unsubscribe = Uri.EscapeDataString(
            browser.App.Get<Conversations.Domain.Email.UnsubscribeTokens>().For(me.Id)
        );
        found.AddRange(await CheckAsync(visitor, $"/unsubscribe?token={unsubscribe}", "stop emails", "form"));
        found.AddRange(
            await CheckAsync(
                visitor,
                $"/Account/ConfirmAddress?user={me.Id}&code=abc",
                "a confirmation link not valid",
                "[role=alert]"
            )
        );
        found.AddRange(
            await CheckAsync(
                visitor,
                $"/Account/ConfirmAddressChange?user={me.Id}&email=x%40example.org&code=abc",
                "an address-change link not valid",
                "[role=alert]"
            )
        );
        found.AddRange(await CheckAsync(visitor, "/Account/TooManyWindows", "a window closed for a newer one", "h1"));

        var page = await browser.NewPageAsync(width, height);
        await AccountJourneyTests.LogInAsync(page, me.Email!, AppUsers.Password);
        found.AddRange(await CheckAsync(page, "/", "home", ".home"));
        found.AddRange(
            await CheckAsync(
                page,
                "/conversations",
                "inbox with an invitation to a group",
                ".group-invitations",
                theme => FitsTheScreenAsync(page, viewport, theme == "dark" ? "inbox-dark" : "inbox")
            )
        );
        found.AddRange(
            await CheckAsync(page, $"/conversations/{conversation}", "a conversation", ".message-bubble", theme =>
                FitsTheScreenAsync(page, viewport, theme == "dark" ? "conversation-dark" : "conversation")
            )
        );
        found.AddRange(await CheckAsync(page, "/conversations/requests", "message requests", ".inbox-row"));
        found.AddRange(await CheckAsync(page, "/conversations/archived", "archived conversations", ".inbox-row"));
        found.AddRange(await CheckAsync(page, "/conversations/search?q=loud", "search results", ".search-hit"));
        found.AddRange(await CheckAsync(page, $"/conversations/{request}", "a message request", ".request-answer"));
        found.AddRange(await CheckAsync(page, $"/profiles/{friend.Nickname}", "a person's profile", "h1"));
        found.AddRange(await CheckAsync(page, $"/profiles/{group.Nickname}", "a group's profile", "h1"));
        found.AddRange(
            await CheckAsync(page, $"/profiles/{group.Nickname}/conversations", "a group's inbox", ".inbox-row")
        );
        found.AddRange(await CheckAsync(page, "/groups/new", "create group", "h1"));
        found.AddRange(await CheckAsync(page, "/settings", "settings", "h1"));
        found.AddRange(await CheckAsync(page, "/Account/Delete", "delete account", "h1"));
        found.AddRange(await CheckAsync(page, "/Account/ChangeEmail", "change email address", "form"));
        found.AddRange(await CheckAsync(page, "/no-such-page", "not found", "h1"));
        found.AddRange(await CheckAsync(page, "/moderation", "moderation with an open report", ".reported"));

        await page.GotoAsync($"/profiles/{friend.Nickname}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Report", Exact = true }).ClickAsync();
        await Expect(page.Locator(".report-reasons")).ToBeVisibleAsync();
        found.AddRange(await BothThemesAsync(page, "the report dialog", ".report-reasons"));

        await page.GotoAsync("/conversations");
        await page.GetByRole(AriaRole.Button, new() { Name = "New conversation" }).First.ClickAsync();
        await page.GetByLabel("Search people and groups").FillAsync(friend.DisplayName[..4]);
        await Expect(page.Locator(".recipient-option").First).ToBeVisibleAsync();
        found.AddRange(await BothThemesAsync(page, "the New conversation dialog with results", ".recipient-option"));

        // Someone whose address is not confirmed (an account from a time email was on): the notice on every page, and its page.
        var newcomer = await browser.App.RegisterAsync(name: "Cleo Confirm");
        await using (var db = await browser.App.Get<IDbContextFactory<ConversationsDbContext>>().CreateDbContextAsync())
        {
            await db
                .Participants.Where(p => p.Id == newcomer.Id)
                .ExecuteUpdateAsync(p => p.SetProperty(x => x.EmailConfirmed, false));
        }

        var unconfirmed = await browser.NewPageAsync(width, height);
        await AccountJourneyTests.LogInAsync(unconfirmed, newcomer.Email!, AppUsers.Password);
        found.AddRange(
            await CheckAsync(
                unconfirmed,
                "/conversations",
                "inbox with the confirm-your-address notice",
                ".address-notice"
            )
        );
        found.AddRange(await CheckAsync(unconfirmed, "/Account/ConfirmAddress", "confirm your address", "form"));

        found.Should().BeEmpty($"every page passes axe on a {viewport} in the light and the dark theme");
    }

    private async Task<List<string>> CheckAsync(
        IPage page,
        string path,
        string name,
        string ready,
        Func<string, Task<List<string>>>? inEachTheme = null
    )
    {
        var response = await page.GotoAsync(path);
        await Expect(page.Locator(ready).First).ToBeVisibleAsync();
        // A page with a circuit is rendered with its marker for Blazor's server side; the account pages are not.
        var live = (await response!.TextAsync()).Contains("<!--Blazor:{\"type\":\"server\"", StringComparison.Ordinal);
        return await BothThemesAsync(page, name, ready, live, inEachTheme);
    }

    /// <summary>
    /// axe over what the page shows, in the device's theme, then with the device turned to the other one (see the
    /// class's remarks); <paramref name="inEachTheme"/> checks more in each.
    /// </summary>
    private async Task<List<string>> BothThemesAsync(
        IPage page,
        string name,
        string ready,
        bool live = true,
        Func<string, Task<List<string>>>? inEachTheme = null
    )
    {
        var found = new List<string>();
        foreach (var turn in new[] { false, true })
        {
            if (turn)
            {
                await TurnTheDeviceAsync(page, ready, live);
            }

            var theme = await IsDarkDeviceAsync(page) ? "dark" : "light";
            await Expect(page.Locator(".app-layout")).ToHaveAttributeAsync("data-theme", theme);
            // What colours and sizes depend on is there: the fonts and the pictures (not the half second of quiet on the
            // network Playwright's NetworkIdle waits for, on each page).
            await page.WaitForFunctionAsync(
                "() => document.fonts.status === 'loaded' && [...document.images].every(i => i.complete)"
            );
            await SettledAsync(page);
            found.AddRange(Report($"{name} ({theme})", await RunAxeAsync(page)));
            if (inEachTheme is not null)
            {
                found.AddRange(await inEachTheme(theme));
            }
        }

        return found;
    }

    /// <summary>
    /// The device turns from light to dark or back. A page with a circuit follows by itself; a page rendered without
    /// one (the account pages) takes it when it is loaded again, from the cookie wwwroot/js/app.js keeps in step.
    /// </summary>
    private static async Task TurnTheDeviceAsync(IPage page, string ready, bool live)
    {
        var dark = !await IsDarkDeviceAsync(page);
        await page.EmulateMediaAsync(new() { ColorScheme = dark ? ColorScheme.Dark : ColorScheme.Light });
        if (!live)
        {
            await page.WaitForFunctionAsync(
                "dark => document.cookie.split('; ').includes(`prefers-dark=${dark ? 1 : 0}`)",
                dark
            );
            await page.ReloadAsync();
            await Expect(page.Locator(ready).First).ToBeVisibleAsync();
        }
    }

    /// <summary>On a phone the page needs no sideways scrolling; a screenshot of it for README.</summary>
    private static async Task<List<string>> FitsTheScreenAsync(IPage page, string viewport, string name)
    {
        if (viewport != "phone")
        {
            return [];
        }

        await page.ScreenshotAsync(new() { Path = Artifacts.PathFor($"{name}-phone.png") });
        var (scrollWidth, screenWidth) = (
            await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"),
            await page.EvaluateAsync<int>("() => window.innerWidth")
        );
        return scrollWidth <= screenWidth
            ? []
            : [$"{name}: {scrollWidth} px wide on a {screenWidth} px screen (sideways scrolling)"];
    }

    private static Task<bool> IsDarkDeviceAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => matchMedia('(prefers-color-scheme: dark)').matches");

    protected async Task ChoosingDarkAsync()
    {
        var me = await browser.App.RegisterAsync(name: "Dana Dark");
        var page = await browser.NewPageAsync(1280, 800);
        await AccountJourneyTests.LogInAsync(page, me.Email!, AppUsers.Password);
        await page.GotoAsync("/settings");
        var layout = page.Locator(".app-layout");
        await Expect(layout).ToHaveAttributeAsync("data-theme", "light");

        await CheckWhenInteractiveAsync(page.GetByRole(AriaRole.Radio, new() { Name = "Dark" }));

        await Expect(layout).ToHaveAttributeAsync("data-theme", "dark");
        await page.GotoAsync("/Account/Delete"); // a static page: no circuit, the cookie alone
        await Expect(layout).ToHaveAttributeAsync("data-theme", "dark");
        await page.GotoAsync("/settings");
        await CheckWhenInteractiveAsync(page.GetByRole(AriaRole.Radio, new() { Name = "As my device says" }));
        await Expect(layout).ToHaveAttributeAsync("data-theme", "light");
    }

    /// <summary>The choice is disabled until the page's circuit is up (then the radio is rendered anew); the circuit sets it.</summary>
    private static async Task CheckWhenInteractiveAsync(ILocator radio)
    {
        await Expect(radio).ToBeEnabledAsync();
        await radio.ClickAsync(); // the circuit renders the choice: wait for that, not for the browser's own tick
        await Expect(radio).ToBeCheckedAsync();
    }

    /// <summary>The check itself: a page with an image without text and a field without a label fails it.</summary>
    protected async Task FindsViolationsAsync()
    {
        var page = await browser.NewPageAsync(1280, 800);
        await page.GotoAsync("/Account/Login");
        await page.SetContentAsync(
            """<html lang="en"><head><title>Bad</title></head><body><main><img src="/favicon.svg"><input type="text"></main></body></html>"""
        );
        var serious = Report("a page made to fail", await RunAxeAsync(page));
        serious.Should().Contain(v => v.Contains("image-alt")).And.Contain(v => v.Contains("label"));
    }

    /// <summary>No fade still running: colours measured halfway through a transition are not the page's.</summary>
    private static async Task SettledAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running')");

    private List<string> Report(string name, AxeResult result)
    {
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        output.WriteLine(
            $"{name}: {result.Violations.Length} violations, {serious.Count} serious or critical{string.Concat(result.Violations.Select(v => $"\n  {v.Impact} {v.Id} ×{v.Nodes.Length}"))}"
        );
        foreach (var (rule, node) in serious.SelectMany(v => v.Nodes.Select(n => (v.Id, n))))
        {
            var why = string.Join("; ", node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message));
            output.WriteLine($"    {rule}: {node.Html[..Math.Min(300, node.Html.Length)]} — {why}");
        }

        return serious
            .SelectMany(v => v.Nodes.Select(n => $"{name}: {v.Id} ({v.Impact}) — {v.Help}: {n.Html}"))
            .ToList();
    }
}

[Collection(DesktopBrowserCollection.Name)]
public sealed class DesktopAccessibilityTests(Browser browser, ITestOutputHelper output)
    : AccessibilityChecks(browser, output)
{
    [Fact]
    public Task Every_page_on_a_desktop_in_the_light_and_the_dark_theme_has_no_serious_or_critical_violation_of_wcag_2_1_AA() =>
        EveryPageAsync("desktop");

    [Fact]
    public Task Choosing_dark_in_settings_applies_at_once_and_to_pages_rendered_without_a_circuit() =>
        ChoosingDarkAsync();

    [Fact]
    public Task The_check_finds_the_violations_of_a_page_that_has_them() => FindsViolationsAsync();
}

[Collection(PhoneBrowserCollection.Name)]
public sealed class PhoneAccessibilityTests(Browser browser, ITestOutputHelper output)
    : AccessibilityChecks(browser, output)
{
    [Fact]
    public Task Every_page_on_a_phone_in_the_light_and_the_dark_theme_has_no_serious_or_critical_violation_of_wcag_2_1_AA() =>
        EveryPageAsync("phone");
}

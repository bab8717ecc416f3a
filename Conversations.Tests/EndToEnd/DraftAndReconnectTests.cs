using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Tests.Support;
using Conversations.Web.Live;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Tests.EndToEnd;

/// <summary>On a phone that sleeps and loses signal: nothing typed is lost, and a page comes back by itself, in the person's language.</summary>
[Collection(PhoneBrowserCollection.Name)]
public class DraftAndReconnectTests(Browser browser)
{
    [Fact]
    public async Task A_half_typed_reply_comes_back_after_a_reload_and_on_another_device_and_is_gone_once_sent()
    {
        var (alice, bob) = (
            await browser.App.RegisterAsync(name: "Alice Sender"),
            await browser.App.RegisterAsync(name: "Bob Pocket")
        );
        var id = (
            await browser
                .App.Get<StartConversation>()
                .HandleAsync(
                    new StartConversationCommand(Actor.Person(alice.Id), [bob.Id], "Are you coming on Saturday?")
                )
        )
            .Value!
            .ConversationId;
        var phone = await PhoneAsync(browser.App.BaseUrl, bob.Email!);

        await phone.GotoAsync($"/conversations/{id}");
        var box = phone.GetByLabel("Your message");
        await Expect(box).ToBeEnabledAsync();
        await box.PressSequentiallyAsync("Yes, and I will bring");
        await Eventually.TrueAsync(
            async () => await DraftAsync(browser.App, bob.Id, id) == "Yes, and I will bring",
            "the draft is saved a moment after typing stops"
        );

        await phone.ReloadAsync();
        await Expect(phone.GetByLabel("Your message")).ToHaveValueAsync("Yes, and I will bring");

        var laptop = await browser.SignedInPageAsync(bob.Email!, AppUsers.Password);
        await laptop.GotoAsync($"/conversations/{id}");
        var there = laptop.GetByLabel("Your message");
        await Expect(there).ToHaveValueAsync("Yes, and I will bring");
        await there.PressSequentiallyAsync(" the cake.");
        await laptop.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(laptop.Locator(".message-bubble", new() { HasText = "Yes, and I will bring the cake." }))
            .ToBeVisibleAsync();
        await Expect(there).ToHaveValueAsync("");

        await Eventually.TrueAsync(
            async () => await DraftAsync(browser.App, bob.Id, id) is null,
            "a sent message leaves no draft"
        );
        await phone.ReloadAsync();
        await Expect(phone.GetByLabel("Your message")).ToBeEnabledAsync();
        await Expect(phone.GetByLabel("Your message")).ToHaveValueAsync("");
    }

    [Fact]
    public async Task Back_online_after_the_server_let_the_page_go_it_says_so_in_the_persons_language_and_comes_back_with_the_draft()
    {
        // A server that keeps a dropped page only two seconds, so that the test waits for the second path: a new page.
        await using var app = new AppHost(
            settings: new Dictionary<string, string> { ["Circuits:DisconnectedRetention"] = "00:00:02" }
        );
        await app.InitializeAsync();
        await using var tunnel = new CuttableProxy(new Uri(app.BaseUrl));
        var (alice, bob) = (
            await app.RegisterAsync(name: "Alice Tunnel"),
            await app.RegisterAsync(name: "Bruno Túnel")
        );
        (await app.Get<ParticipantLanguage>().SetAsync(bob.Id, "es")).Succeeded.Should().BeTrue();
        var id = (
            await app.Get<StartConversation>()
                .HandleAsync(new StartConversationCommand(Actor.Person(alice.Id), [bob.Id], "¿Vienes el sábado?"))
        )
            .Value!
            .ConversationId;
        var phone = await PhoneAsync(tunnel.BaseUrl, bob.Email!);
        await phone.GotoAsync($"/conversations/{id}");
        var box = phone.GetByLabel("Tu mensaje");
        await Expect(box).ToBeEnabledAsync();
        await box.PressSequentiallyAsync("Sí, y llevo");
        await Eventually.TrueAsync(
            async () => await DraftAsync(app, bob.Id, id) == "Sí, y llevo",
            "the draft is saved before the tunnel"
        );

        tunnel.Cut(); // the connection drops (as in a tunnel), and the device knows it is offline
        await phone.Context.SetOfflineAsync(true);
        var dialog = phone.Locator("#components-reconnect-modal");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync("Lo que escribes se guarda");
        await Expect(dialog.Locator("#reconnect-title"))
            .ToContainTextAsync(new System.Text.RegularExpressions.Regex("conexión|reconectando|Reconectando"));
        await Eventually.TrueAsync(
            () => app.Get<LiveCircuits>().CountOf(bob.Id) == 0,
            "the server lets the dropped page go"
        );

        tunnel.Restore();
        await phone.Context.SetOfflineAsync(false);
        await Expect(phone.GetByLabel("Tu mensaje")).ToHaveValueAsync("Sí, y llevo", new() { Timeout = 5_000 });
        await Expect(phone).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/conversations/{id}$"));
        await Expect(phone.GetByLabel("Tu mensaje")).ToBeEnabledAsync();
        await Expect(dialog).Not.ToBeVisibleAsync();
        await phone.Context.CloseAsync();
    }

    [Fact]
    public async Task A_tab_hidden_for_a_while_gives_its_circuit_back_and_comes_back_where_it_was_when_seen_again()
    {
        // A server that pauses a tab after one second hidden (five minutes by default).
        await using var app = new AppHost(
            settings: new Dictionary<string, string> { ["Circuits:PauseHiddenAfter"] = "00:00:01" }
        );
        await app.InitializeAsync();
        var (alice, bob) = (await app.RegisterAsync(name: "Alice Awake"), await app.RegisterAsync(name: "Bob Asleep"));
        var id = (
            await app.Get<StartConversation>()
                .HandleAsync(new StartConversationCommand(Actor.Person(alice.Id), [bob.Id], "Still there?"))
        )
            .Value!
            .ConversationId;
        var phone = await PhoneAsync(app.BaseUrl, bob.Email!);
        await phone.GotoAsync($"/conversations/{id}");
        var box = phone.GetByLabel("Your message");
        await Expect(box).ToBeEnabledAsync();
        await box.PressSequentiallyAsync("Typed before the pocket");
        await Eventually.TrueAsync(
            async () => await DraftAsync(app, bob.Id, id) == "Typed before the pocket",
            "the draft is saved"
        );
        var held = app.Get<LiveCircuits>().CountOf(bob.Id); // this page's, and the page before it, kept a while for a way back

        await SetVisibleAsync(phone, false);
        await Eventually.TrueAsync(
            () => app.Get<LiveCircuits>().CountOf(bob.Id) == held - 1,
            "the hidden tab's circuit is paused: the server holds it no more"
        );
        await Expect(phone.Locator("#components-reconnect-modal")).Not.ToBeVisibleAsync(); // resting is not a lost connection

        await SetVisibleAsync(phone, true);
        await Eventually.TrueAsync(() => app.Get<LiveCircuits>().CountOf(bob.Id) == held, "seen again, it resumes");
        await Expect(phone).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/conversations/{id}$"));
        await Expect(phone.GetByLabel("Your message")).ToHaveValueAsync("Typed before the pocket");
        await Expect(phone.GetByLabel("Your message")).ToBeEnabledAsync();
        await phone.Context.CloseAsync();
    }

    /// <summary>What the page reads (<c>document.visibilityState</c>) and hears (<c>visibilitychange</c>), as when the phone goes to a pocket.</summary>
    // csharpier-ignore
    private static Task SetVisibleAsync(IPage page, bool visible) =>
        page.EvaluateAsync(
            $$"""
            () => {
                Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "{{(visible ? "visible" : "hidden")}}" });
                Object.defineProperty(document, "hidden", { configurable: true, get: () => {{(visible ? "false" : "true")}} });
                document.dispatchEvent(new Event("visibilitychange"));
            }
            """
        );

    private async Task<IPage> PhoneAsync(string baseUrl, string email)
    {
        var context = await browser.Chromium.NewContextAsync(
            new BrowserNewContextOptions
            {
                BaseURL = baseUrl,
                ViewportSize = new ViewportSize { Width = Browser.PhoneWidth, Height = Browser.PhoneHeight },
                IsMobile = true,
                HasTouch = true,
            }
        );
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await AccountJourneyTests.LogInAsync(page, email, AppUsers.Password);
        return page;
    }

    private static Task<string?> DraftAsync(AppHost app, Guid personId, Guid conversationId) =>
        app.Get<Drafts>()
            .GetAsync(Actor.Person(personId), DraftPlace.InConversation(new ConversationId(conversationId)));
}

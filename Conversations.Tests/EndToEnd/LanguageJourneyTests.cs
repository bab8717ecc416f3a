using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Tests.EndToEnd;

/// <summary>A participant picks their language in the footer; the pages, their live parts and their other devices follow.</summary>
[Collection(BrowserCollection.Name)]
public class LanguageJourneyTests(Browser browser)
{
    [Fact]
    public async Task A_participant_switches_to_Catalan_reads_the_menu_inbox_and_a_conversation_in_Catalan_and_gets_Catalan_again_after_signing_in_elsewhere()
    {
        var (laia, jordi, marta) = (
            await browser.App.RegisterAsync(name: "Laia Ferrer"),
            await browser.App.RegisterAsync(name: "Jordi Vidal"),
            await browser.App.RegisterAsync(name: "Marta Soler")
        );
        var start = browser.App.Get<StartConversation>();
        var withJordi = await start.HandleAsync(
            new StartConversationCommand(
                Actor.Person(jordi.Id),
                [laia.Id],
                "Bon dia! Vens a la reunió del barri dijous?"
            )
        );
        await start.HandleAsync(
            new StartConversationCommand(Actor.Person(laia.Id), [marta.Id], "Gràcies per les cadires de la festa")
        );
        await start.HandleAsync(
            new StartConversationCommand(Actor.Person(marta.Id), [laia.Id, jordi.Id], "Qui porta la pancarta?")
        );
        var page = await browser.NewPageAsync();
        await AccountJourneyTests.LogInAsync(page, laia.Email!, AppUsers.Password);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        await page.Locator("footer").GetByRole(AriaRole.Button, new() { Name = "Català" }).ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ca");
        await page.Locator(".avatar-button[data-interactive=true]").ClickAsync();
        foreach (var item in new[] { "Perfil", "Converses", "Configuració" })
        {
            await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = item })).ToBeVisibleAsync();
        }

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Tanca la sessió" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Converses" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Converses", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Conversa nova" })).ToBeVisibleAsync();
        await Expect(page.Locator(".inbox-row")).ToHaveCountAsync(3);
        await Expect(
                page.Locator(".inbox-row")
                    .Filter(new() { HasText = "Marta Soler" })
                    .First.Locator(".inbox-preview")
                    .First
            )
            .ToContainTextAsync("Qui porta la pancarta?");
        await Expect(
                page.Locator(".inbox-row .inbox-preview").Filter(new() { HasText = "Tu: Gràcies per les cadires" })
            )
            .ToHaveCountAsync(1);
        await Expect(page.Locator(".avatar-button .visually-hidden")).ToHaveTextAsync("Menú del compte de Laia Ferrer");
        await page.ScreenshotAsync(new() { Path = Artifacts.PathFor("inbox-catalan.png") });

        await page.GotoAsync($"/conversations/{withJordi.Value!.ConversationId}");
        await Expect(page.GetByText("Conversa amb")).ToBeVisibleAsync();
        var reply = page.GetByLabel("El teu missatge");
        await Expect(reply).ToHaveAttributeAsync("placeholder", "Escriu un missatge…");
        await Expect(reply).ToBeEnabledAsync();
        await reply.FillAsync("Sí, hi seré!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envia" }).ClickAsync();
        await Expect(page.Locator(".message-group.mine .message-sender")).ToHaveTextAsync("Tu");
        await Expect(page.Locator(".message-bubble").Filter(new() { HasText = "Sí, hi seré!" })).ToBeVisibleAsync();
        await Expect(page.Locator(".reply-counter"))
            .ToHaveTextAsync("Queden 1.000 caràcters", new() { Timeout = 15_000 });
        (await browser.App.Get<ParticipantLanguage>().GetAsync(laia.Id))
            .Should()
            .Be("ca", "the account keeps the choice");

        await page.Locator(".avatar-button[data-interactive=true]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Tanca la sessió" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Inicia la sessió" }).First).ToBeVisibleAsync();

        var elsewhere = await browser.NewPageAsync(); // another device: no language cookie, an English browser
        await AccountJourneyTests.LogInAsync(elsewhere, laia.Email!, AppUsers.Password);
        await Expect(elsewhere.Locator("html")).ToHaveAttributeAsync("lang", "ca");
        await Expect(elsewhere.Locator("footer").GetByRole(AriaRole.Link, new() { Name = "Converses" }))
            .ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_visitor_gets_the_language_their_browser_asks_for_and_the_picker_overrides_it()
    {
        var context = await browser.Chromium.NewContextAsync(
            new BrowserNewContextOptions { BaseURL = browser.App.BaseUrl, Locale = "es-ES" }
        );
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/Account/Login");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Iniciar sesión" })).ToBeVisibleAsync();
        await page.Locator("footer").GetByRole(AriaRole.Button, new() { Name = "Français" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(page)
            .ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login$"), new() { Timeout = 15_000 });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Se connecter" })).ToBeVisibleAsync();
        await context.CloseAsync();
    }
}

using Conversations.Domain.Common;
using Conversations.Domain.Groups;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Tests.EndToEnd;
using Conversations.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Tests.Security;

/// <summary>In a real Chromium: every hostile payload, as messages, names, an about text and a group description, shows as inert text.</summary>
[Collection(BrowserCollection.Name)]
public class HostileRenderingTests(Browser browser)
{
    private const int SendersCount = 7;

    [Fact]
    public async Task Hostile_payloads_render_as_inert_text_no_script_runs_and_no_unsafe_link_appears()
    {
        var app = browser.App;
        var payloads = HostilePayloads.Xss;
        var viewer = await app.RegisterAsync();
        var shortOnes = payloads.Where(p => p.Trim().Length is > 0 and <= ProfileText.DisplayNameMaxLength).ToList();
        var senders = new List<Participant>();
        for (var i = 0; i < SendersCount; i++)
        {
            var sender = await app.RegisterAsync();
            await app.Get<UpdateProfile>().HandleAsync(sender.Id, new ProfileChanges(shortOnes[i], payloads[i]));
            senders.Add(sender);
        }

        var id = (
            await app.Get<StartConversation>()
                .HandleAsync(
                    new StartConversationCommand(
                        Actor.Person(senders[0].Id),
                        [viewer.Id, .. senders.Skip(1).Select(s => s.Id)],
                        payloads[0]
                    )
                )
        )
            .Value!
            .ConversationId;
        for (var i = 1; i < payloads.Count; i++)
        {
            var sent = await app.Get<Reply>()
                .HandleAsync(
                    new ReplyCommand(Actor.Person(senders[i % SendersCount].Id), new ConversationId(id), payloads[i])
                );
            sent.Succeeded.Should().BeTrue(sent.Problem?.InEnglish());
        }

        await app.Get<UpdateProfile>().HandleAsync(viewer.Id, new ProfileChanges(shortOnes[^1], payloads[^1]));
        var group = (
            await app.Get<CreateGroup>()
                .HandleAsync(
                    new CreateGroupCommand(
                        viewer.Id,
                        shortOnes[^2],
                        "hostile_" + Guid.NewGuid().ToString("N")[..6],
                        payloads[^2]
                    )
                )
        ).Value!;

        var page = await browser.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        await page.AddInitScriptAsync("window.__xss = 0;");
        await AccountJourneyTests.LogInAsync(page, viewer.Email!, AppUsers.Password);

        await page.GotoAsync($"/conversations/{id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show older messages" }).ClickAsync();
        var bubbles = page.Locator(".message-bubble");
        await Expect(bubbles).ToHaveCountAsync(payloads.Count);
        var shown = await bubbles.EvaluateAllAsync<string[]>("els => els.map(e => e.textContent)");
        shown.Should().Equal(payloads, "each message shows exactly what was typed");
        await AssertInertAsync(page, dialogs);
        (await page.Locator(".message-bubble *").EvaluateAllAsync<string[]>("els => els.map(e => e.tagName)"))
            .Should()
            .OnlyContain(tag => tag == "A");
        var hrefs = await page.Locator(".message-bubble a")
            .EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))");
        hrefs
            .Should()
            .NotBeEmpty()
            .And.OnlyContain(h =>
                h.StartsWith("http://", StringComparison.Ordinal) || h.StartsWith("https://", StringComparison.Ordinal)
            );
        hrefs.Should().NotContain(h => h.Contains('\u202E'), "an address ends at an invisible direction character");
        await page.ScreenshotAsync(new() { Path = Artifacts.PathFor("hostile-conversation.png"), FullPage = false });

        foreach (
            var path in new[]
            {
                "/conversations",
                $"/profiles/{senders[1].Nickname}",
                $"/profiles/{viewer.Nickname}",
                $"/profiles/{group.Nickname}",
            }
        )
        {
            await page.GotoAsync(path);
            await Expect(page.Locator(".avatar-button[data-interactive=true]")).ToBeVisibleAsync();
            await AssertInertAsync(page, dialogs);
        }

        await Expect(page.Locator(".profile-about")).ToHaveTextAsync(payloads[^2].Trim());
    }

    private static async Task AssertInertAsync(IPage page, List<string> dialogs)
    {
        await Expect(page.Locator(".app-main")).ToBeVisibleAsync();
        // Every request the page made (an image whose onerror could fire, say) has ended, and a frame has been drawn since.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)))");
        dialogs.Should().BeEmpty("no payload may open a dialog");
        (await page.EvaluateAsync<int>("() => window.__xss")).Should().Be(0, "no payload may run script");
        (
            await page.Locator(
                    ".app-main :is(script, iframe, object, embed, img[src=x], [onerror], [onload], [onfocus], [ontoggle], [onbegin])"
                )
                .CountAsync()
        )
            .Should()
            .Be(0, "no payload may become an element");
        (await page.Locator("a[href^='javascript:' i], a[href^='data:' i], a[href^='vbscript:' i]").CountAsync())
            .Should()
            .Be(0);
    }
}

using Conversations.Domain.Groups;
using Conversations.Domain.Messaging;
using Conversations.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Tests.EndToEnd;

/// <summary>Every page works under the Content-Security-Policy the app sends: the browser reports no violation anywhere.</summary>
[Collection(SessionsBrowserCollection.Name)]
public class ContentSecurityPolicyTests(Browser browser)
{
    /// <summary>Collects what the browser refuses under the policy: its violation events, and what it says in the console.</summary>
    private const string WatchViolations = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
            window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} in ${e.sourceFile || document.location.pathname}`));
        """;

    [Fact]
    public async Task Every_page_signed_out_and_in_and_a_conversation_written_live_run_without_a_single_policy_violation()
    {
        var (me, friend) = (
            await browser.App.RegisterAsync(name: "Cy Policy"),
            await browser.App.RegisterAsync(name: "Di Directive")
        );
        var group = (
            await browser
                .App.Get<CreateGroup>()
                .HandleAsync(
                    new CreateGroupCommand(me.Id, "Policy Club", "pc" + Guid.NewGuid().ToString("N")[..10], "Strict.")
                )
        ).Value!;
        var conversation = (
            await browser
                .App.Get<StartConversation>()
                .HandleAsync(new StartConversationCommand(Actor.Person(friend.Id), [me.Id], "Is the policy on?"))
        )
            .Value!
            .ConversationId;
        var visited = new List<string>();
        var violations = new List<string>();

        var visitor = await WatchedPageAsync(violations);
        foreach (
            var path in new[]
            {
                "/",
                "/Account/Login",
                "/Account/Register",
                "/Account/ForgotPassword",
                "/Account/ConfirmAddress",
                "/Account/TooManyWindows",
                "/no-such-page",
            }
        )
        {
            await VisitAsync(visitor, path, visited, violations);
        }

        var page = await WatchedPageAsync(violations);
        await AccountJourneyTests.LogInAsync(page, me.Email!, AppUsers.Password);
        foreach (
            var path in new[]
            {
                "/",
                "/conversations",
                $"/conversations/{conversation}",
                $"/profiles/{friend.Nickname}",
                $"/profiles/{group.Nickname}",
                $"/profiles/{group.Nickname}/conversations",
                "/groups/new",
                "/settings",
                "/Account/ChangeEmail",
                "/Account/Delete",
                $"/conversations/new?to={friend.Nickname}",
            }
        )
        {
            await VisitAsync(page, path, visited, violations);
        }

        // Live: a reply over the circuit, the badge over the hub, the New conversation dialog.
        await page.GotoAsync($"/conversations/{conversation}");
        var box = page.GetByLabel("Your message");
        await Expect(box).ToBeEnabledAsync();
        await box.FillAsync("Yes, and nothing is blocked.");
        await box.PressAsync("Enter");
        await Expect(page.Locator(".message-bubble").Filter(new() { HasText = "nothing is blocked" }))
            .ToBeVisibleAsync();
        await page.GotoAsync("/conversations");
        await page.GetByRole(AriaRole.Button, new() { Name = "New conversation" }).First.ClickAsync();
        await page.GetByLabel("Search people and groups").FillAsync(friend.DisplayName[..4]);
        await Expect(page.Locator(".recipient-option").First).ToBeVisibleAsync();
        violations.AddRange(await page.EvaluateAsync<string[]>("window.__cspViolations"));

        visited.Should().HaveCount(18);
        violations.Should().BeEmpty("every page and every live part works under the policy");
        await visitor.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    private async Task<IPage> WatchedPageAsync(List<string> violations)
    {
        var page = await browser.NewPageAsync();
        await page.Context.AddInitScriptAsync(WatchViolations);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (violations)
                {
                    violations.Add($"console: {message.Text}");
                }
            }
        };
        return page;
    }

    private static async Task VisitAsync(IPage page, string path, List<string> visited, List<string> violations)
    {
        var response = await page.GotoAsync(path);
        response!.Headers.Should().ContainKey("content-security-policy", path);
        await Expect(page.Locator("h1, .inbox-row, .message-bubble").First).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        violations.AddRange((await page.EvaluateAsync<string[]>("window.__cspViolations")).Select(v => $"{path}: {v}"));
        visited.Add(path);
    }
}

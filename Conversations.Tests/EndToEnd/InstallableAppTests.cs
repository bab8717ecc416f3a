using System.Text.Json;
using Conversations.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Tests.EndToEnd;

/// <summary>The site as an installable app: its manifest, its service worker, its offline page and its notifications.</summary>
[Collection(PhoneBrowserCollection.Name)]
public class InstallableAppTests(Browser browser)
{
    [Fact]
    public async Task The_site_is_installable_its_service_worker_shows_a_pushed_notification_and_offline_pages_say_so_in_the_persons_language()
    {
        var me = await browser.App.RegisterAsync(name: "Ines Installs");
        var profile = Directory.CreateTempSubdirectory("installable-");
        await using var context = await browser.PersistentContextAsync(
            profile.FullName,
            Browser.PhoneWidth,
            Browser.PhoneHeight
        );
        context.SetDefaultTimeout(15_000);
        await context.GrantPermissionsAsync(["notifications"]);
        var page = context.Pages.FirstOrDefault() ?? await context.NewPageAsync();
        await AccountJourneyTests.LogInAsync(page, me.Email!, AppUsers.Password);
        await page.GotoAsync("/conversations");
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.ready.then(r => !!r.active)");
        var cdp = await page.Context.NewCDPSessionAsync(page);

        var installability = await cdp.SendAsync("Page.getInstallabilityErrors");
        installability!
            .Value.GetProperty("installabilityErrors")
            .EnumerateArray()
            .Select(e => e.GetProperty("errorId").GetString())
            .Should()
            .BeEmpty("Chromium finds nothing that keeps the site from being installed");
        var manifest = await (await page.APIRequest.GetAsync("/manifest.webmanifest")).JsonAsync();
        manifest!.Value.GetProperty("name").GetString().Should().Be("Conversations");
        manifest.Value.GetProperty("start_url").GetString().Should().Be("/conversations");
        manifest.Value.GetProperty("display").GetString().Should().Be("standalone");

        // A push, as the push service delivers it: the worker shows it, one per conversation (its tag).
        var registration = await page.EvaluateAsync<string>("() => navigator.serviceWorker.ready.then(r => r.scope)");
        var versions = await WorkerRegistrationIdAsync(cdp, registration);
        var payload = JsonSerializer.Serialize(
            new
            {
                title = "New message from Alice",
                body = "",
                tag = "conversation-1",
                url = "/settings",
                unread = 1,
            }
        );
        await cdp.SendAsync(
            "ServiceWorker.deliverPushMessage",
            new Dictionary<string, object>
            {
                ["origin"] = new Uri(browser.App.BaseUrl).GetLeftPart(UriPartial.Authority),
                ["registrationId"] = versions,
                ["data"] = payload,
            }
        );
        await page.WaitForFunctionAsync(
            "() => navigator.serviceWorker.ready.then(r => r.getNotifications()).then(n => n.length === 1 && n[0].title === 'New message from Alice' && n[0].tag === 'conversation-1')"
        );

        // A click on it opens its conversation in the window already open. Headless Chromium has no notification to click:
        // the worker is handed the click event the browser would fire, with the notification it shows.
        await page.WaitForFunctionAsync("() => !!navigator.serviceWorker.controller"); // the worker has taken the page in (it claims open pages)
        await EvaluateInWorkerAsync(
            cdp,
            """
            self.registration.getNotifications({ tag: "conversation-1" }).then(([shown]) => {
                try { self.dispatchEvent(new NotificationEvent("notificationclick", { notification: shown })); } catch { /* only the browser's own events may wait */ }
            })
            """
        );
        // The worker has moved the window (committed); the page then loads at its own pace, however busy the machine.
        await page.WaitForURLAsync("**/settings", new() { WaitUntil = WaitUntilState.Commit, Timeout = 30_000 });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Settings", Level = 1 })).ToBeVisibleAsync();
        await page.WaitForFunctionAsync(
            "() => navigator.serviceWorker.ready.then(r => r.getNotifications()).then(n => n.length === 0)"
        );

        // Read elsewhere, the server withdraws it: the worker closes what has its tag.
        await cdp.SendAsync(
            "ServiceWorker.deliverPushMessage",
            new Dictionary<string, object>
            {
                ["origin"] = new Uri(browser.App.BaseUrl).GetLeftPart(UriPartial.Authority),
                ["registrationId"] = versions,
                ["data"] = payload,
            }
        );
        await page.WaitForFunctionAsync(
            "() => navigator.serviceWorker.ready.then(r => r.getNotifications()).then(n => n.length === 1)"
        );
        await cdp.SendAsync(
            "ServiceWorker.deliverPushMessage",
            new Dictionary<string, object>
            {
                ["origin"] = new Uri(browser.App.BaseUrl).GetLeftPart(UriPartial.Authority),
                ["registrationId"] = versions,
                ["data"] = JsonSerializer.Serialize(
                    new
                    {
                        withdraw = true,
                        tag = "conversation-1",
                        unread = 0,
                    }
                ),
            }
        );
        await page.WaitForFunctionAsync(
            "() => navigator.serviceWorker.ready.then(r => r.getNotifications()).then(n => n.length === 0)"
        );

        // No connection: a page asked for is the offline page, with no personal data, in the person's language.
        await page.GetByRole(AriaRole.Button, new() { Name = "Español" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Configuración", Level = 1 })).ToBeVisibleAsync();
        await page.WaitForFunctionAsync(
            "() => caches.match('/offline').then(r => r && r.text()).then(t => !!t && t.includes('Estás sin conexión'))"
        );
        await page.Context.SetOfflineAsync(true);
        await page.GotoAsync("/conversations");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Estás sin conexión");
        (await page.ContentAsync())
            .Should()
            .NotContain(me.DisplayName, "the offline page holds nothing personal")
            .And.NotContain(me.Email!);
        await page.Context.SetOfflineAsync(false);
        await context.CloseAsync();
        profile.Delete(recursive: true);
    }

    /// <summary>Runs <paramref name="expression"/> in the page's service worker, through the DevTools protocol's targets.</summary>
    private static async Task EvaluateInWorkerAsync(ICDPSession cdp, string expression)
    {
        var targets = await cdp.SendAsync("Target.getTargets");
        var worker = targets!
            .Value.GetProperty("targetInfos")
            .EnumerateArray()
            .Single(t => t.GetProperty("type").GetString() == "service_worker");
        var attached = await cdp.SendAsync(
            "Target.attachToTarget",
            new Dictionary<string, object>
            {
                ["targetId"] = worker.GetProperty("targetId").GetString()!,
                ["flatten"] = false,
            }
        );
        var session = attached!.Value.GetProperty("sessionId").GetString()!;
        var answered = new TaskCompletionSource<JsonElement>();
        cdp.Event("Target.receivedMessageFromTarget").OnEvent += (_, e) =>
        {
            if (
                e?.TryGetProperty("sessionId", out var from) == true
                && from.GetString() == session
                && JsonDocument.Parse(e.Value.GetProperty("message").GetString()!).RootElement is var message
                && message.TryGetProperty("id", out var id)
                && id.GetInt32() == 1
            )
            {
                answered.TrySetResult(message);
            }
        };
        await cdp.SendAsync(
            "Target.sendMessageToTarget",
            new Dictionary<string, object>
            {
                ["sessionId"] = session,
                ["message"] = JsonSerializer.Serialize(
                    new
                    {
                        id = 1,
                        method = "Runtime.evaluate",
                        @params = new { expression, awaitPromise = true },
                    }
                ),
            }
        );
        var answer = await answered.Task.WaitAsync(TimeSpan.FromSeconds(15));
        answer.TryGetProperty("error", out _).Should().BeFalse(answer.ToString());
        answer.GetProperty("result").TryGetProperty("exceptionDetails", out _).Should().BeFalse(answer.ToString());
        await cdp.SendAsync("Target.detachFromTarget", new Dictionary<string, object> { ["sessionId"] = session });
    }

    private static async Task<string> WorkerRegistrationIdAsync(ICDPSession cdp, string scope)
    {
        var found = new TaskCompletionSource<string>();
        cdp.Event("ServiceWorker.workerRegistrationUpdated").OnEvent += (_, e) =>
        {
            foreach (var r in e!.Value.GetProperty("registrations").EnumerateArray())
            {
                if (r.GetProperty("scopeURL").GetString() == scope)
                {
                    found.TrySetResult(r.GetProperty("registrationId").GetString()!);
                }
            }
        };
        await cdp.SendAsync("ServiceWorker.enable");
        return await found.Task.WaitAsync(TimeSpan.FromSeconds(15));
    }
}

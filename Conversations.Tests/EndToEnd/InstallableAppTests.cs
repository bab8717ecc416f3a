using System.Text.Json;
using System.Text.RegularExpressions;
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
        await UntilAsync(page, "navigator.serviceWorker.ready.then(r => !!r.active)", "the service worker is active");
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
        await UntilAsync(
            page,
            "navigator.serviceWorker.ready.then(r => r.active.state === 'activated')",
            "the worker is activated (ready resolves while it still activates; a push waits for the end)"
        );
        await PushAsync(
            page,
            cdp,
            versions,
            payload,
            "n.length === 1 && n[0].title === 'New message from Alice' && n[0].tag === 'conversation-1'",
            "the worker shows the pushed notification"
        );

        // A click on it opens its conversation in the window already open. Headless Chromium has no notification to click:
        // the worker is handed the click event the browser would fire, with the notification it shows.
        await page.WaitForFunctionAsync("() => !!navigator.serviceWorker.controller"); // the worker has taken the page in (it claims open pages)
        // Only the browser's own events may wait (waitUntil): the test's event hands its work to the test instead, which
        // waits for it and learns why if it fails.
        var opened = await EvaluateInWorkerAsync(
            cdp,
            """
            self.registration.getNotifications({ tag: "conversation-1" }).then(([shown]) => {
                if (!shown) throw new Error("no notification with the conversation's tag");
                const click = new NotificationEvent("notificationclick", { notification: shown });
                let work = Promise.resolve(null);
                Object.defineProperty(click, "waitUntil", { value: promise => { work = promise; } });
                self.dispatchEvent(click);
                return work.then(client => client ? client.url : "no window");
            })
            """
        );
        opened.Should().EndWith("/settings", "the worker moved the open window to the notification's conversation");
        // The window's move is done in the worker (navigate resolves once the page is there); Playwright hears of it through
        // its own events, so its view of the address is awaited by polling (WaitForURL can miss an event it was not yet
        // waiting for).
        await Expect(page).ToHaveURLAsync(new Regex("/settings$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Settings", Level = 1 })).ToBeVisibleAsync();
        await UntilAsync(
            page,
            "navigator.serviceWorker.ready.then(r => r.getNotifications()).then(n => n.length === 0)",
            "the notification is gone"
        );

        // Read elsewhere, the server withdraws it: the worker closes what has its tag.
        await PushAsync(
            page,
            cdp,
            versions,
            payload,
            "n.length === 1",
            "the worker shows the pushed notification again"
        );
        await PushAsync(
            page,
            cdp,
            versions,
            JsonSerializer.Serialize(
                new
                {
                    withdraw = true,
                    tag = "conversation-1",
                    unread = 0,
                }
            ),
            "n.length === 0",
            "the notification is gone"
        );

        // No connection: a page asked for is the offline page, with no personal data, in the person's language.
        await page.GetByRole(AriaRole.Button, new() { Name = "Español" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Configuración", Level = 1 })).ToBeVisibleAsync();
        await UntilAsync(
            page,
            "caches.match('/offline').then(r => r && r.text()).then(t => !!t && t.includes('<html lang=\"es\">'))",
            "the worker keeps the offline page again in Spanish"
        );
        await page.Context.SetOfflineAsync(true);
        // Playwright makes the service worker's own target offline as it attaches to it: a worker that had stopped (idle
        // workers do) and starts again for this navigation may fetch once before that, and the page then loads as online
        // (seen once in a busy suite). Loading it again then meets the offline worker; a site that never shows the offline
        // page still fails here.
        await Eventually.TrueAsync(
            async () =>
            {
                await page.GotoAsync("/conversations");
                return await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync()
                    == "Estás sin conexión";
            },
            "with no connection, a page asked for is the offline page"
        );
        (await page.ContentAsync())
            .Should()
            .NotContain(me.DisplayName, "the offline page holds nothing personal")
            .And.NotContain(me.Email!);
        await page.Context.SetOfflineAsync(false);
        await context.CloseAsync();
        profile.Delete(recursive: true);
    }

    /// <summary>
    /// Waits until <paramref name="promise"/> (an expression whose promise the page resolves) comes true. Playwright's
    /// WaitForFunctionAsync does not do this: it polls a function's return value, and a promise is a value that is always
    /// truthy, so it returns at once with whatever the promise gives (which is how this test once failed on a busy machine).
    /// </summary>
    private static Task UntilAsync(IPage page, string promise, string because) =>
        Eventually.TrueAsync(() => page.EvaluateAsync<bool>($"() => ({promise}).then(x => !!x)"), because);

    /// <summary>
    /// Delivers a push to the worker as the push service would, until the worker's notifications satisfy
    /// <paramref name="shown"/> (a condition on <c>n</c>, the notifications shown). The DevTools protocol hands the push over
    /// without waiting, and drops it without a word when the worker cannot be started in time (seen once, on a busy CI
    /// machine: no notification in 30 s); a push service keeps a message it could not deliver and delivers it again, so
    /// the test does the same, a few times. One notification per conversation (its tag): a push delivered twice shows one.
    /// </summary>
    private static async Task PushAsync(
        IPage page,
        ICDPSession cdp,
        string registrationId,
        string payload,
        string shown,
        string because
    )
    {
        var condition = $"navigator.serviceWorker.ready.then(r => r.getNotifications()).then(n => {shown})";
        for (var attempt = 1; ; attempt++)
        {
            await cdp.SendAsync(
                "ServiceWorker.deliverPushMessage",
                new Dictionary<string, object>
                {
                    ["origin"] = new Uri(page.Url).GetLeftPart(UriPartial.Authority),
                    ["registrationId"] = registrationId,
                    ["data"] = payload,
                }
            );
            try
            {
                await Eventually.TrueAsync(
                    () => page.EvaluateAsync<bool>($"() => ({condition}).then(x => !!x)"),
                    because,
                    TimeSpan.FromSeconds(20)
                );
                return;
            }
            catch (Exception) when (attempt < 3)
            {
                Console.WriteLine(
                    $"InstallableAppTests: push not handled within 20 s (attempt {attempt}); delivered again."
                );
            }
        }
    }

    /// <summary>Runs <paramref name="expression"/> in the page's service worker, through the DevTools protocol's targets; its value.</summary>
    private static async Task<string?> EvaluateInWorkerAsync(ICDPSession cdp, string expression)
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
        var answer = await answered.Task.WaitAsync(TimeSpan.FromSeconds(45)); // a navigation it waits for, on a busy machine
        answer.TryGetProperty("error", out _).Should().BeFalse(answer.ToString());
        answer.GetProperty("result").TryGetProperty("exceptionDetails", out _).Should().BeFalse(answer.ToString());
        await cdp.SendAsync("Target.detachFromTarget", new Dictionary<string, object> { ["sessionId"] = session });
        var value = answer.GetProperty("result").GetProperty("result");
        return value.TryGetProperty("value", out var text) ? text.ToString() : null;
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

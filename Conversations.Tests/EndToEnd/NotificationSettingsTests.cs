using System.Text.Json;
using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Persistence;
using Conversations.Domain.Push;
using Conversations.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Tests.EndToEnd;

[Collection(PhoneBrowserCollection.Name)]
public class NotificationSettingsTests(Browser browser)
{
    [Fact]
    public async Task Turning_on_notifications_on_a_device_brings_it_a_push_from_the_server_about_the_next_message()
    {
        await using var receiver = PushReceiver.Start();
        await using var app = new AppHost(
            settings: new Dictionary<string, string>
            {
                ["Push:AllowedEndpoints:0"] = $"{receiver.Origin}/push/",
                ["Push:Delay"] = "00:00:01",
                ["Push:CheckEvery"] = "00:00:00.200",
            }
        );
        await app.InitializeAsync();
        var (alice, bob) = (await app.RegisterAsync(name: "Alice Writes"), await app.RegisterAsync(name: "Bob Pocket"));
        var device = receiver.NewDevice();
        var context = await (await browser.FullChromiumAsync()).NewContextAsync(
            new BrowserNewContextOptions
            {
                BaseURL = app.BaseUrl,
                ViewportSize = new ViewportSize { Width = Browser.PhoneWidth, Height = Browser.PhoneHeight },
                IsMobile = true,
                HasTouch = true,
            }
        );
        context.SetDefaultTimeout(15_000);
        await context.GrantPermissionsAsync(["notifications"]);
        // No push service is reachable from here: the browser's subscribe hands out this test's device (its endpoint on the
        // test's push receiver, its keys); everything after it — the page, the server, the sender, the encryption — is real.
        await context.AddInitScriptAsync(
            $$"""
            (() => {
                const bytes = text => Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4)), c => c.charCodeAt(0)).buffer;
                let current = null;
                const device = { endpoint: "{{device.Endpoint}}", getKey: name => bytes(name === "p256dh" ? "{{device.P256dh}}" : "{{device.Auth}}"),
                                 unsubscribe: async () => { current = null; localStorage.removeItem("test-push-subscribed"); return true; } };
                current = localStorage.getItem("test-push-subscribed") ? device : null; // it outlives the page, as the browser's does
                PushManager.prototype.subscribe = async function () { current = device; localStorage.setItem("test-push-subscribed", "1"); return device; };
                PushManager.prototype.getSubscription = async function () { return current; };
            })();
            """
        );
        var page = await context.NewPageAsync();
        await AccountJourneyTests.LogInAsync(page, bob.Email!, AppUsers.Password);
        await page.GotoAsync("/settings");

        var toggle = page.GetByRole(AriaRole.Switch, new() { Name = "Notify me on this device" });
        await Expect(toggle).ToBeEnabledAsync();
        await toggle.ClickAsync();
        await Expect(page.GetByText("This device will show notifications.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Notifications" }).ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Artifacts.PathFor("notifications-phone.png") }); // README's "On phones"
        (await app.Get<PushSubscriptions>().IsSubscribedAsync(bob.Id, device.Endpoint)).Should().BeTrue();

        // Bob looks at the site: the page tells him, nothing goes to his phone.
        await Eventually.TrueAsync(() => LookingAsync(app, bob.Id), "the tab in view is known to every server");
        var id = (
            await app.Get<StartConversation>()
                .HandleAsync(new StartConversationCommand(Actor.Person(alice.Id), [bob.Id], "Lunch at noon?"))
        )
            .Value!
            .ConversationId;
        await Eventually.TrueAsync(async () => !await PendingAsync(app, id), "the push is settled");
        receiver.Received.Should().BeEmpty("bob had a tab of the site in view");

        // He leaves the site: the next message reaches his phone.
        await page.GotoAsync("about:blank");
        await Eventually.TrueAsync(async () => !await LookingAsync(app, bob.Id), "a tab gone is no longer in view");
        await app.Get<Reply>()
            .HandleAsync(new ReplyCommand(Actor.Person(alice.Id), new ConversationId(id), "The usual place?"));
        await Eventually.TrueAsync(
            () => receiver.Received.Any(p => p.Path == new Uri(device.Endpoint).AbsolutePath),
            "the server pushes to the device"
        );
        var payload = JsonDocument.Parse(device.Decrypt(receiver.Received.Single().Body)).RootElement;
        payload.GetProperty("title").GetString().Should().Be("New message from Alice Writes");
        payload.GetProperty("url").GetString().Should().Be($"/conversations/{id}");
        payload.GetProperty("unread").GetInt32().Should().Be(2, "the app icon shows the badge's count");

        await page.GotoAsync("/settings");
        await Expect(toggle).ToBeCheckedAsync(); // the device's subscription, as the page found it
        await toggle.ClickAsync();
        await Expect(page.GetByText("Off on this device. Emails still tell you about messages left unread."))
            .ToBeVisibleAsync();
        await Eventually.TrueAsync(
            async () => !await app.Get<PushSubscriptions>().IsSubscribedAsync(bob.Id, device.Endpoint),
            "turned off, the server forgets the device"
        );
        await context.CloseAsync();
    }

    private static async Task<bool> LookingAsync(AppHost app, Guid person)
    {
        await using var db = await app.Get<IDbContextFactory<ConversationsDbContext>>().CreateDbContextAsync();
        return await db.VisibleTabs.AnyAsync(t => t.PersonId == person);
    }

    private static async Task<bool> PendingAsync(AppHost app, Guid conversation)
    {
        await using var db = await app.Get<IDbContextFactory<ConversationsDbContext>>().CreateDbContextAsync();
        return await db.PushMessages.AnyAsync(p => p.ConversationId == conversation);
    }
}

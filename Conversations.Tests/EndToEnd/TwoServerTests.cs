using System.Diagnostics;
using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Domain.Realtime;
using Conversations.Tests.Support;
using Microsoft.Playwright;
using Npgsql;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Tests.EndToEnd;

/// <summary>Two app processes' worth of servers on one database: what is sent through one shows live on the other.</summary>
[Collection(SessionsBrowserCollection.Name)]
public class TwoServerTests(Browser browser, ITestOutputHelper output)
{
    [Fact]
    public async Task A_message_sent_through_server_a_changes_the_badge_of_a_reader_connected_to_server_b_live()
    {
        await using var serverB = new AppHost(browser.App.ConnectionString);
        await serverB.InitializeAsync();
        await serverB.Get<NotificationRelay>().Listening.WaitAsync(TimeSpan.FromSeconds(30)); // B hears what A commits from now on
        var (writer, reader) = (
            await browser.App.RegisterAsync(name: "Wanda Writer"),
            await browser.App.RegisterAsync(name: "Rudi Reader")
        );

        var onA = await browser.NewPageAsync();
        await AccountJourneyTests.LogInAsync(onA, writer.Email!, AppUsers.Password);
        var readerContext = await browser.Chromium.NewContextAsync(
            new()
            {
                BaseURL = serverB.BaseUrl,
                ViewportSize = new() { Width = 1280, Height = 800 },
            }
        );
        var onB = await readerContext.NewPageAsync();
        await AccountJourneyTests.LogInAsync(onB, reader.Email!, AppUsers.Password);
        await onB.GotoAsync("/conversations");
        await Expect(onB.Locator(".avatar-button[data-interactive=true]")).ToBeVisibleAsync();
        await Expect(onB.Locator(".account-menu .mud-badge[role=status]")).ToHaveCountAsync(0);
        new Uri(onA.Url).Port.Should().NotBe(new Uri(onB.Url).Port, "the two people use two different servers");

        var clock = await WriteFirstMessageAsync(onA, reader, "Sent through server A");

        await Expect(onB.Locator(".account-menu .mud-badge[role=status]"))
            .ToHaveAttributeAsync("aria-label", "1 unread message");
        output.WriteLine($"Send on A → badge on B: {clock.Elapsed.TotalMilliseconds:F0} ms");
        await Expect(onB.Locator(".inbox-row").First).ToContainTextAsync("Sent through server A");

        // The writer's sign-in, made by A, is read by B: both servers keep their keys in the one database.
        var writerOnB = await onA.Context.NewPageAsync();
        await writerOnB.GotoAsync(new Uri(new Uri(serverB.BaseUrl), "conversations").ToString());
        await Expect(writerOnB.GetByRole(AriaRole.Button, new() { Name = "Account menu of Wanda Writer" }))
            .ToBeVisibleAsync();
        await using var db = new NpgsqlConnection(browser.App.ConnectionString);
        await db.OpenAsync();
        await using var keys = new NpgsqlCommand("""SELECT count(*) FROM "DataProtectionKeys" """, db);
        ((long)(await keys.ExecuteScalarAsync())!).Should().BeGreaterThan(0);
        await readerContext.CloseAsync();
    }

    [Fact]
    public async Task Behind_nginx_as_deployed_a_message_from_someone_on_one_server_reaches_a_reader_on_the_other_live()
    {
        await using var serverB = new AppHost(browser.App.ConnectionString);
        await serverB.InitializeAsync();
        await serverB.Get<NotificationRelay>().Listening.WaitAsync(TimeSpan.FromSeconds(30));
        await using var nginx = await Nginx.StartAsync(browser.App.BaseUrl, serverB.BaseUrl);
        var servers = new[] { browser.App.Get<ConversationNotifier>(), serverB.Get<ConversationNotifier>() };

        // Every page through nginx: sign-in, a circuit over its WebSocket, the unread hub. Which server a person lands on
        // follows their sign-in cookie; a reader is signed up until one lands on the server the writer is not on.
        async Task<(IPage Page, int Server)> SignInThroughNginxAsync(Participant person)
        {
            var context = await browser.Chromium.NewContextAsync(
                new()
                {
                    BaseURL = nginx.BaseUrl,
                    ViewportSize = new() { Width = 1280, Height = 800 },
                }
            );
            var page = await context.NewPageAsync();
            await AccountJourneyTests.LogInAsync(page, person.Email!, AppUsers.Password);
            await page.GotoAsync("conversations");
            await Expect(page.Locator(".avatar-button[data-interactive=true]")).ToBeVisibleAsync();
            await Eventually.TrueAsync(
                () => servers.Any(s => s.Watches(person.Id)),
                "the person's page follows their unread count on one server"
            );
            return (page, servers[0].Watches(person.Id) ? 0 : 1);
        }

        var writer = await browser.App.RegisterAsync(name: "Nina Nginx");
        var (onWriter, writerServer) = await SignInThroughNginxAsync(writer);
        Participant reader;
        IPage onReader;
        var tries = 0;
        while (true)
        {
            reader = await browser.App.RegisterAsync(name: "Rafa Reader");
            (onReader, var readerServer) = await SignInThroughNginxAsync(reader);
            if (readerServer != writerServer)
            {
                break;
            }

            await onReader.Context.CloseAsync();
            (++tries).Should().BeLessThan(20, "nginx spreads signed-in people over both servers");
        }

        var clock = await WriteFirstMessageAsync(onWriter, reader, "Through nginx, across servers");

        await Expect(onReader.Locator(".account-menu .mud-badge[role=status]"))
            .ToHaveAttributeAsync("aria-label", "1 unread message");
        output.WriteLine(
            $"Writer on server {"AB"[writerServer]}, reader on {"AB"[1 - writerServer]} ({tries} reader(s) landed on the writer's server first); send → badge: {clock.Elapsed.TotalMilliseconds:F0} ms"
        );
        await Expect(onReader.Locator(".inbox-row").First).ToContainTextAsync("Through nginx, across servers");
        await onReader.Context.CloseAsync();
        await onWriter.Context.CloseAsync();
    }

    [Fact]
    public async Task Behind_nginx_when_a_server_stops_for_a_deploy_its_people_carry_on_on_the_other_with_their_half_typed_reply()
    {
        var serverB = new AppHost(browser.App.ConnectionString);
        await serverB.InitializeAsync();
        try
        {
            await serverB.Get<NotificationRelay>().Listening.WaitAsync(TimeSpan.FromSeconds(30));
            await using var nginx = await Nginx.StartAsync(browser.App.BaseUrl, serverB.BaseUrl);
            var (serverA, onB) = (browser.App.Get<ConversationNotifier>(), serverB.Get<ConversationNotifier>());
            var friend = await browser.App.RegisterAsync(name: "Fred Friend");

            // A resident whose phone landed on server B (nginx picks by sign-in cookie).
            Participant resident;
            IPage phone;
            for (var tries = 0; ; tries++)
            {
                tries.Should().BeLessThan(20, "nginx spreads signed-in people over both servers");
                resident = await browser.App.RegisterAsync(name: "Dora Deploy");
                var context = await browser.Chromium.NewContextAsync(
                    new()
                    {
                        BaseURL = nginx.BaseUrl,
                        ViewportSize = new() { Width = Browser.PhoneWidth, Height = Browser.PhoneHeight },
                        IsMobile = true,
                        HasTouch = true,
                    }
                );
                context.SetDefaultTimeout(20_000);
                phone = await context.NewPageAsync();
                await AccountJourneyTests.LogInAsync(phone, resident.Email!, AppUsers.Password);
                await phone.GotoAsync("conversations");
                await Expect(phone.Locator(".avatar-button[data-interactive=true]")).ToBeVisibleAsync();
                var someone = resident.Id;
                await Eventually.TrueAsync(
                    () => serverA.Watches(someone) || onB.Watches(someone),
                    "the page follows its unread count on one server"
                );
                if (onB.Watches(resident.Id))
                {
                    break;
                }

                await context.CloseAsync();
            }

            var id = (
                await browser
                    .App.Get<StartConversation>()
                    .HandleAsync(
                        new StartConversationCommand(Actor.Person(friend.Id), [resident.Id], "Are you coming tonight?")
                    )
            )
                .Value!
                .ConversationId;
            await phone.GotoAsync($"conversations/{id}");
            var box = phone.GetByLabel("Your message");
            await Expect(box).ToBeEnabledAsync();
            await box.PressSequentiallyAsync("Yes, and I will bring");
            await Expect(box).ToHaveValueAsync("Yes, and I will bring"); // every key reached the box (a failure below is the save's)
            await Eventually.TrueAsync(
                async () =>
                    await browser
                        .App.Get<Drafts>()
                        .GetAsync(Actor.Person(resident.Id), DraftPlace.InConversation(new ConversationId(id)))
                    == "Yes, and I will bring",
                "the draft is saved a moment after typing stops"
            );

            // The deploy: server B stops as on SIGTERM (the host's graceful stop); its circuits end with it.
            await serverB.DisposeAsync();

            var who = resident.Id;
            await Eventually.TrueAsync(
                () => serverA.Watches(who),
                "the page carries on on server A by itself",
                TimeSpan.FromSeconds(30)
            );
            await Expect(box).ToHaveValueAsync("Yes, and I will bring");
            await box.PressSequentiallyAsync(" the cake.");
            await phone.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
            await Expect(phone.Locator(".message-bubble", new() { HasText = "Yes, and I will bring the cake." }))
                .ToBeVisibleAsync();
            await phone.Context.CloseAsync();
        }
        finally
        {
            await serverB.DisposeAsync();
        }
    }

    /// <summary>Opens a new conversation with the person, writes the text and sends it with Enter; the clock starts at Enter.</summary>
    private static async Task<Stopwatch> WriteFirstMessageAsync(IPage page, Participant to, string text)
    {
        await page.GotoAsync($"conversations/new?to={to.Nickname}");
        var box = page.GetByLabel("Your message");
        await Expect(box).ToBeEnabledAsync();
        await box.FillAsync(text);
        var clock = Stopwatch.StartNew();
        await box.PressAsync("Enter");
        return clock;
    }
}

using Conversations.Bench.Generation;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace Conversations.Bench;

/// <summary>
/// The server's managed heap (after a full collection) per open tab: N tabs showing heavy's inbox, against N tabs of a
/// page that renders only the layout, in real Chromium against the real app hosted in this process.
/// </summary>
public static class CircuitMemory
{
    public static async Task<IReadOnlyList<Result>> MeasureAsync(string connectionString, int tabs)
    {
        await using var app = new BenchApp(connectionString);
        app.UseKestrel(0);
        app.StartServer();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(
            new()
            {
                ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
                Args =
                [
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-timer-throttling",
                    "--disable-renderer-backgrounding",
                ],
            }
        );
        var context = await browser.NewContextAsync(new() { BaseURL = app.ClientOptions.BaseAddress.ToString() });
        context.SetDefaultTimeout(60_000);
        var login = await context.NewPageAsync();
        await login.GotoAsync("/Account/Login");
        await login.GetByLabel("Email").FillAsync(Shape.HeavyEmail);
        await login.GetByLabel("Password").FillAsync(Shape.HeavyPassword);
        await login.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await login.WaitForSelectorAsync(".avatar-button[data-interactive=true]");

        var start = Heap();
        await OpenAsync(context, tabs, "/", ".home");
        var afterLayout = Heap();
        var inboxTabs = await OpenAsync(context, tabs, "/conversations", ".inbox-row");
        var afterInbox = Heap();

        // The same inbox tabs hidden for a while: each pauses its circuit, as js/reconnect.js does after Circuits:PauseHiddenAfter
        // (a headless browser's tabs are never hidden, so the call is made here); the server keeps only their persisted state.
        foreach (var page in inboxTabs)
        {
            await page.EvaluateAsync("() => Blazor.pauseCircuit()");
        }

        await Task.Delay(2_000); // let the paused circuits go
        var afterPausing = Heap();
        foreach (var page in inboxTabs)
        {
            (await page.EvaluateAsync<bool>("() => Blazor.resumeCircuit()")).Should("a paused tab resumes");
        }

        await inboxTabs[^1].WaitForSelectorAsync(".inbox-row");

        var layoutPerTab = (afterLayout - start) / 1024.0 / tabs;
        var inboxPerTab = (afterInbox - afterLayout) / 1024.0 / tabs;
        var pausedPerTab = (afterPausing - afterLayout) / 1024.0 / tabs;
        return
        [
            new Result(
                $"server memory per open inbox circuit ({tabs} tabs)",
                "KB",
                inboxPerTab,
                layoutPerTab,
                "≤ 1.5× layout-only",
                inboxPerTab <= 1.5 * layoutPerTab,
                $"managed heap after a full GC: +{(afterLayout - start) / 1048576.0:0.0} MB for {tabs} layout-only tabs, +{(afterInbox - afterLayout) / 1048576.0:0.0} MB for {tabs} inbox tabs"
            ),
            new Result(
                $"server memory per hidden inbox tab, paused ({tabs} tabs)",
                "KB",
                pausedPerTab,
                inboxPerTab,
                "≤ 0.25× open",
                pausedPerTab <= 0.25 * inboxPerTab,
                $"the {tabs} inbox tabs held +{(afterInbox - afterLayout) / 1048576.0:0.0} MB open, +{(afterPausing - afterLayout) / 1048576.0:0.0} MB paused (their persisted state); all resumed after"
            ),
        ];
    }

    private static async Task<List<IPage>> OpenAsync(IBrowserContext context, int tabs, string path, string ready)
    {
        var pages = new List<IPage>();
        for (var i = 0; i < tabs; i++)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(path);
            await page.WaitForSelectorAsync(".avatar-button[data-interactive=true]");
            await page.WaitForSelectorAsync(ready);
            pages.Add(page);
        }

        await Task.Delay(2_000); // let the last circuits settle
        return pages;
    }

    private static void Should(this bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Expected: {what}");
        }
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private sealed class BenchApp(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:Conversations", connectionString);
            builder.UseSetting("Database:MigrateOnStartup", "false");
            builder.UseSetting("RateLimits:AccountFormsPerMinute", "1000000"); // its tabs sign in from this one address
            builder.UseSetting("Security:MaxWindowsPerPerson", "1000"); // all its tabs are heavy's
            builder.UseSetting("Demo:Load", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }
}

using Microsoft.Playwright;

namespace Conversations.Tests.Support;

/// <summary>The machine's Chromium, driven by Playwright, with the app hosted on a real port.</summary>
public sealed class Browser : IAsyncLifetime
{
    private IPlaywright? playwright;

    public AppHost App { get; } = new();

    public IBrowser Chromium { get; private set; } = default!;

    private readonly Lazy<Task<IBrowser>> fullChromium;

    public Browser() => fullChromium = new(() => LaunchAsync(ExecutablePath));

    private Task<IBrowser> LaunchAsync(string executable) =>
        playwright!.Chromium.LaunchAsync(
            new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = Arguments,
            }
        );

    /// <summary>
    /// The full Chromium, started on first use, for what the headless shell leaves out: a page's notifications and
    /// push subscription (the settings page found none there: its switch never turned on).
    /// </summary>
    public Task<IBrowser> FullChromiumAsync() => fullChromium.Value;

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        // Two cores run the domain tests beside the browser: give a page the same patience as an action.
        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Playwright.CreateAsync();
        Chromium = await LaunchAsync(HeadlessExecutablePath);
    }

    private static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    /// <summary>
    /// Chromium's headless shell (Debian's chromium-headless-shell, what Playwright itself runs for headless tests: the
    /// same engine without the browser's own UI layer) when the machine has it: it took a quarter less CPU over the axe
    /// checks here (204 → 156 s), on a machine whose suite is bound by CPU. A profile on disk (the installable app)
    /// takes the full Chromium.
    /// </summary>
    private static string HeadlessExecutablePath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH")
        ?? (File.Exists(HeadlessShell) ? HeadlessShell : "/usr/bin/chromium");

    private const string HeadlessShell = "/usr/lib/chromium/chromium-headless-shell";

    private static readonly string[] Arguments =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
    ];

    /// <summary>
    /// A Chromium with a profile on disk, as a person's own browser has (a fresh context is an incognito one, where
    /// nothing can be installed); its own process, closed with the returned context.
    /// </summary>
    public Task<IBrowserContext> PersistentContextAsync(string profileFolder, int width = 1280, int height = 800) =>
        playwright!.Chromium.LaunchPersistentContextAsync(
            profileFolder,
            new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Arguments,
                BaseURL = App.BaseUrl,
                ViewportSize = new ViewportSize { Width = width, Height = height },
                IsMobile = width < 600,
                HasTouch = width < 600,
            }
        );

    /// <summary>A fresh browser profile signed in with these credentials, once its page is interactive.</summary>
    public async Task<IPage> SignedInPageAsync(string email, string password)
    {
        var page = await NewPageAsync();
        await EndToEnd.AccountJourneyTests.LogInAsync(page, email, password);
        await Assertions.Expect(page.Locator(".avatar-button[data-interactive=true]")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>The phone the accessibility and touch tests use: 375×667, touch first.</summary>
    public const int PhoneWidth = 375,
        PhoneHeight = 667;

    /// <summary>
    /// A fresh browser profile (its own cookies), as a separate person would have; narrower than 600 px it is a phone
    /// (touch, mobile), and the device may prefer a dark theme.
    /// </summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800, bool prefersDark = false)
    {
        var context = await Chromium.NewContextAsync(
            new BrowserNewContextOptions
            {
                BaseURL = App.BaseUrl,
                ViewportSize = new ViewportSize { Width = width, Height = height },
                ColorScheme = prefersDark ? ColorScheme.Dark : ColorScheme.Light,
                IsMobile = width < 600,
                HasTouch = width < 600,
            }
        );
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await Chromium.DisposeAsync();
        if (fullChromium.IsValueCreated)
        {
            await (await fullChromium.Value).DisposeAsync();
        }

        playwright?.Dispose();
        await ((IAsyncLifetime)App).DisposeAsync();
    }
}

// The browser tests are shared among a few collections, each with its app and its Chromium: the tests of one
// collection run one after the other, the collections side by side (on two cores, 8.6 minutes of browser tests in
// one line made the suite's length).

/// <summary>Most browser journeys.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Browser>
{
    public const string Name = "Browser";
}

/// <summary>Sessions, several servers and the longer journeys.</summary>
[CollectionDefinition(Name)]
public sealed class SessionsBrowserCollection : ICollectionFixture<Browser>
{
    public const string Name = "Browser: sessions and servers";
}

/// <summary>axe over every page on a desktop.</summary>
[CollectionDefinition(Name)]
public sealed class DesktopBrowserCollection : ICollectionFixture<Browser>
{
    public const string Name = "Browser: desktop pages";
}

/// <summary>axe over every page on a phone.</summary>
[CollectionDefinition(Name)]
public sealed class PhoneBrowserCollection : ICollectionFixture<Browser>
{
    public const string Name = "Browser: phone pages";
}

using Microsoft.Playwright;

namespace Sophia.EndToEnd.Fixtures;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright (which cannot download a browser here), against a published Sophia
/// of its own with the demo parc. Pages open in French unless asked otherwise, as a French browser would ask.
/// Screenshots go to <c>artifacts/screenshots/</c> at the repository's root (git-ignored).
/// </summary>
public sealed class ConsoleBrowser : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    // The collection signs in some sixty times in two minutes from 127.0.0.1, past the default 20 per minute and source;
    // the limit itself is tested on the API (LoginTests) and the login form (ConsolePageTests).
    private readonly PublishedSophia sophia = new() { Settings = ["--Sophia:Auth:LoginAttemptsPerMinute=600"] };
    private IPlaywright? playwright;
    private IBrowser? browser;

    public PublishedSophia Sophia => sophia;

    public static string Screenshots { get; } = Path.Combine(Repository.Root, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: apt-get install chromium (./test.sh does it).");
        }
        await sophia.InitializeAsync();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Without these Chromium reaches for Google's hosts, which this closed network refuses.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
        Directory.CreateDirectory(Screenshots);
    }

    /// <summary>A new browser (its own cookies) speaking <paramref name="language"/>.</summary>
    public async Task<IPage> NewPageAsync(string language = "fr-FR")
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = sophia.BaseAddress.ToString(),
            Locale = language,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = language },
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        // The browser tests share two cores with the other end-to-end collections (published servers, curl, Kamailio):
        // a page that loads in a second alone may take several while another collection works.
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>A new browser signed in as <paramref name="login"/> with the demo password, unless <paramref name="password"/> is given.</summary>
    public async Task<IPage> SignedInAsync(string login, string language = "fr-FR", string password = "sophia-demo")
    {
        var page = await NewPageAsync(language);
        await page.GotoAsync("/login");
        await page.FillAsync("input[name=Login]", login);
        await page.FillAsync("input[name=Password]", password);
        await page.ClickAsync("button[type=submit].primary");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        return page;
    }

    /// <summary>Saves what the page shows now as <c>artifacts/screenshots/&lt;name&gt;.png</c>.</summary>
    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
        playwright?.Dispose();
        await sophia.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleBrowser>
{
    public const string Name = "Console in Chromium";
}

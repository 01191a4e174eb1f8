using Microsoft.Playwright;

namespace NotebookExperiments.Tests.Notebooks;

/// <summary>
/// Opens exported HTML in the system's headless Chromium (Debian's <c>chromium</c> package, installed with
/// <c>apt-get install chromium</c>) through Playwright, and reads back the Plotly charts it drew. Playwright only drives
/// that browser: it is given the executable and never downloads one. Requests that would leave the machine are blocked
/// and recorded, so a page that passes works offline.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    /// <summary>Where Debian's package puts the browser.</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static bool IsInstalled => File.Exists(ExecutablePath);

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Arguments,
                Timeout = 60_000,
            });
            return new HeadlessChromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>What a page drew: the number of traces of each Plotly chart, requests that tried to leave the machine, script errors.</summary>
    public sealed record ChartPage(IReadOnlyList<int> TracesPerChart, IReadOnlyList<string> NetworkRequests, IReadOnlyList<string> ScriptErrors);

    /// <summary>Loads a local HTML file and waits until it has drawn <paramref name="expectedCharts"/> Plotly charts (or times out).</summary>
    public async Task<ChartPage> OpenAsync(string htmlPath, int expectedCharts)
    {
        var (traces, network, errors) = await InspectAsync(htmlPath, expectedCharts, viewportWidth: null, page =>
            page.EvaluateAsync<int[]>("() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(e => e.data.length)"));
        return new ChartPage(traces, network, errors);
    }

    /// <summary>
    /// Loads a local HTML file in a page <paramref name="viewportWidth"/> pixels wide (Playwright's default when null), with every
    /// request that would leave the machine blocked, waits until it has drawn <paramref name="expectedCharts"/> Plotly charts (or
    /// times out), and returns what <paramref name="inspect"/> reads from it, with the blocked requests and the script errors.
    /// </summary>
    public async Task<(T Result, IReadOnlyList<string> NetworkRequests, IReadOnlyList<string> ScriptErrors)> InspectAsync<T>(
        string htmlPath, int expectedCharts, int? viewportWidth, Func<IPage, Task<T>> inspect)
    {
        var page = await _browser.NewPageAsync(viewportWidth is int width
            ? new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } }
            : new BrowserNewPageOptions());
        try
        {
            var network = new List<string>();
            var errors = new List<string>();
            page.PageError += (_, message) => errors.Add(message);
            await page.RouteAsync("**/*", async route =>
            {
                if (route.Request.Url.StartsWith("file:", StringComparison.Ordinal) || route.Request.Url.StartsWith("data:", StringComparison.Ordinal))
                {
                    await route.ContinueAsync();
                }
                else
                {
                    network.Add(route.Request.Url);
                    await route.AbortAsync();
                }
            });
            await page.GotoAsync(new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri, new PageGotoOptions { Timeout = 60_000 });
            try
            {
                await page.WaitForFunctionAsync(
                    $"() => document.querySelectorAll('.js-plotly-plot').length >= {expectedCharts}",
                    null, new PageWaitForFunctionOptions { Timeout = 30_000 });
            }
            catch (TimeoutException)
            {
                // Report what was drawn; the test's assertion says what is missing.
            }
            return (await inspect(page), network, errors);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}

/// <summary>
/// A test that needs <see cref="HeadlessChromium"/>: skipped, saying why, where the browser is not installed — except on CI
/// (<c>CI=true</c>), where the test script installs it and a missing browser must fail the run.
/// </summary>
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!HeadlessChromium.IsInstalled && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Skip = $"No Chromium at {HeadlessChromium.ExecutablePath} (Debian: apt-get install chromium).";
    }
}

/// <summary>A theory that needs <see cref="HeadlessChromium"/>: skipped, saying why, where the browser is missing, except on CI.</summary>
internal sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public ChromiumTheoryAttribute()
    {
        if (!HeadlessChromium.IsInstalled && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Skip = $"No Chromium at {HeadlessChromium.ExecutablePath} (Debian: apt-get install chromium).";
    }
}

using NotebookExperiments.Notebooks.Rendering;

namespace NotebookExperiments.Tests.Notebooks;

/// <summary>Exported charts and reports, opened in headless Chromium with the network blocked: every chart draws all its traces.</summary>
[Collection(NotebookRunnerCollection.Name)]
public class ChartsInChromiumTests(NotebookRunnerFixture notebooks, HeadlessChromiumFixture chromium) : IClassFixture<HeadlessChromiumFixture>
{
    [ChromiumFact]
    public async Task AStandaloneChartDrawsWithoutTheNetwork()
    {
        var chart = Plotly.NET.CSharp.Chart.Combine(
        [
            Plotly.NET.CSharp.Chart.Line<double, double, string>(new[] { 1.0, 2, 3 }, new[] { 1.0, 4, 9 }, Name: "squares"),
            Plotly.NET.CSharp.Chart.Point<double, double, string>(new[] { 1.0, 2, 3 }, new[] { 1.0, 2, 3 }, Name: "identity"),
        ]);
        var path = Path.Combine(TestNotebooks.NewTemporaryDirectory(), "chart.html");
        ChartHtml.SaveStandaloneHtml(chart, path);

        var page = await (await chromium.BrowserAsync()).OpenAsync(path, expectedCharts: 1);

        Assert.Equal([2], page.TracesPerChart);
        Assert.Empty(page.NetworkRequests);
        Assert.Empty(page.ScriptErrors);
    }

    [ChromiumFact]
    public async Task EveryChartOfAReportDraws()
    {
        var path = Path.Combine(TestNotebooks.NewTemporaryDirectory(), "report.html");
        NotebookHtmlReport.Write((await notebooks.RunSampleAsync("chart.ipynb")).Notebook, path);

        var page = await (await chromium.BrowserAsync()).OpenAsync(path, expectedCharts: 2);

        Assert.Equal([1, 2], page.TracesPerChart);
        Assert.Empty(page.NetworkRequests);
        Assert.Empty(page.ScriptErrors);
    }
}

/// <summary>One browser for the tests of a class, launched on first use (never when the tests are skipped).</summary>
public sealed class HeadlessChromiumFixture : IAsyncLifetime
{
    private Task<HeadlessChromium>? _browser;

    internal Task<HeadlessChromium> BrowserAsync() => _browser ??= HeadlessChromium.LaunchAsync();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_browser is not null) await (await _browser).DisposeAsync();
    }
}

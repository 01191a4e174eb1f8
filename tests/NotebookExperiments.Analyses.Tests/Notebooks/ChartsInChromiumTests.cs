using System.Text.Json;
using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Charts;
using NotebookExperiments.Notebooks.Rendering;
using NotebookExperiments.Tests.Analyses;

namespace NotebookExperiments.Tests.Notebooks;

/// <summary>Exported charts and reports, opened in headless Chromium with the network blocked: every chart draws all its traces.</summary>
[Collection(NotebookRunnerCollection.Name)]
public class ChartsInChromiumTests(NotebookRunnerFixture notebooks, HeadlessChromiumFixture chromium) : IClassFixture<HeadlessChromiumFixture>
{
    [ChromiumFact]
    public async Task AnExportedAnalysisFigureDrawsEveryTraceWithoutTheNetwork()
    {
        // The β-sweep figure of a small summary: two configurations, three values of β.
        var summary = new DataFrame(
            new StringDataFrameColumn("config", ["8x4", "8x4", "8x4", "4x24", "4x24", "4x24"]),
            new DoubleDataFrameColumn("beta", [0.0, 0.5, 1.0, 0.0, 0.5, 1.0]),
            new Int32DataFrameColumn("runs", [2, 2, 2, 2, 2, 2]),
            new DoubleDataFrameColumn("mean_train_elbo", [190.0, 185, 188, 200, 196, 199]),
            new DoubleDataFrameColumn("sd_train_elbo", [1.0, 0.5, 0.8, 1.2, 0.7, 0.9]),
            new Int32DataFrameColumn("diverged_runs", [0, 0, 0, 0, 0, 0]));
        var figure = BetaSweepFigure.Create(summary, "test");
        int traces = JsonDocument.Parse(ChartExport.ToJson(figure)).RootElement.GetProperty("data").GetArrayLength();
        Assert.True(traces >= 4, $"{traces} traces");
        var path = ChartExport.SaveStandaloneHtml(figure, Path.Combine(TestNotebooks.NewTemporaryDirectory(), "beta-sweep.html"));

        var page = await (await chromium.BrowserAsync()).OpenAsync(path, expectedCharts: 1);

        Assert.Equal([traces], page.TracesPerChart);
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

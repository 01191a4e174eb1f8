using NotebookExperiments.Charts;
using NotebookExperiments.Reports;
using NotebookExperiments.Tests.Cli.Process;
using NotebookExperiments.Tests.Data;
using NotebookExperiments.Tests.Reports;

namespace NotebookExperiments.Tests.Notebooks;

/// <summary>
/// Every figure the project draws (<see cref="FigureCases"/>), drawn by plotly.js in headless Chromium at the notebook's width and
/// at the report's, is legible: no two text boxes overlap, nothing runs off the figure, every trace and kind of mark has a legend
/// entry, and our data fill the axes (<see cref="FigureLayout"/>).
/// </summary>
/// <remarks>
/// The widths are the containers a figure fills (figures have no fixed width: they take their container's, autosize): 1000 px,
/// the output area the executed notebooks are drawn in (<c>ChartImages</c>) and about that of a notebook in VS Code or Jupyter
/// on a laptop screen, and 1250 px, the reproduction report's column (<see cref="ChartStyle.NotebookWidth"/>,
/// <see cref="ChartStyle.ReportWidth"/>). With <c>FIGURE_LAYOUT_OUTPUT</c> set to a folder, each
/// figure's page and a PNG of it are written there to be looked at.
/// </remarks>
public class FigureLayoutTests(HeadlessChromiumFixture chromium) : IClassFixture<HeadlessChromiumFixture>
{
    /// <summary>The width of a notebook's output area, in CSS pixels (<see cref="ChartStyle.NotebookWidth"/>).</summary>
    public const int NotebookWidth = ChartStyle.NotebookWidth;

    /// <summary>The width of the reproduction report's column, in CSS pixels (<see cref="ChartStyle.ReportWidth"/>).</summary>
    public const int ReportWidth = ChartStyle.ReportWidth;

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var figure in FigureCases.All)
            foreach (int width in new[] { NotebookWidth, ReportWidth })
                data.Add(figure.Name, width);
        return data;
    }

    [ChromiumTheory]
    [MemberData(nameof(Cases))]
    public async Task EveryFigureIsLegibleAtTheNotebookAndTheReportWidth(string figure, int width)
    {
        var chart = FigureCases.All.Single(c => c.Name == figure).Build();
        var folder = Output ?? Folder.Value;
        var path = Path.Combine(folder, $"{figure}-{width}.html");
        File.WriteAllText(path, FigureLayout.Page(chart, width, folder));

        var (problems, network, errors) = await (await chromium.BrowserAsync()).InspectAsync(path, expectedCharts: 1, width + 100, async page =>
        {
            var found = await FigureLayout.CheckAsync(page);
            if (Output is { } output)
                await page.Locator("#figure").ScreenshotAsync(new() { Path = Path.Combine(output, $"{figure}-{width}.png") });
            return found;
        });

        Assert.Empty(network);
        Assert.Empty(errors);
        var chartProblems = Assert.Single(problems);
        Assert.True(chartProblems.Length == 0, $"{figure} at {width} px:\n  " + string.Join("\n  ", chartProblems));
    }

    [ChromiumFact]
    public async Task AFiguresOwnPageFillsTheWindowAndIsLegible()
    {
        // The page an analysis writes (results/<analysis>/figure.html): Plotly.NET's document with plotly.js embedded.
        var chart = FigureCases.All.Single(c => c.Name == "bias-variance-quick").Build();
        var path = ChartExport.SaveStandaloneHtml(chart, Path.Combine(Output ?? TestNotebooks.NewTemporaryDirectory(), "standalone.html"));
        foreach (int window in new[] { NotebookWidth + 16, 1600 })
        {
            var (result, network, errors) = await (await chromium.BrowserAsync()).InspectAsync(path, expectedCharts: 1, window, async page =>
                (await FigureLayout.CheckAsync(page), await page.EvaluateAsync<double>(
                    "() => document.querySelector('.js-plotly-plot .main-svg').getBoundingClientRect().width"),
                    await page.EvaluateAsync<double>("() => document.body.clientWidth")));
            Assert.Empty(network);
            Assert.Empty(errors);
            Assert.Equal(result.Item3, result.Item2, 1.0);
            Assert.True(Assert.Single(result.Item1).Length == 0, $"at a {window} px window:\n  " + string.Join("\n  ", result.Item1[0]));
        }
    }

    /// <summary>One folder for the pages of this test run (their plotly.js is written once).</summary>
    private static readonly Lazy<string> Folder = new(TestNotebooks.NewTemporaryDirectory);

    /// <summary>The folder of <c>FIGURE_LAYOUT_OUTPUT</c> (created), or null.</summary>
    internal static string? Output =>
        Environment.GetEnvironmentVariable("FIGURE_LAYOUT_OUTPUT") is { Length: > 0 } folder ? Directory.CreateDirectory(folder).FullName : null;
}

/// <summary>
/// The reproduction report of real smoke-preset results (<see cref="SmokeResultsFixture"/>), opened in headless Chromium at a
/// window wider than its column: every figure on the page passes the checks of <see cref="FigureLayout"/> at the report's width.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class ReportFigureLayoutTests(SmokeResultsFixture smoke, HeadlessChromiumFixture chromium)
    : IClassFixture<SmokeResultsFixture>, IClassFixture<HeadlessChromiumFixture>, IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [ChromiumFact]
    public async Task EveryFigureOfTheReportPageIsLegible()
    {
        var files = ReproductionReport.Write(smoke.CopyInto(_dir.Path));
        int expected = files.Figures.Count / 2;
        Assert.True(expected >= 6, $"{expected} figures");

        var (problems, network, errors) = await (await chromium.BrowserAsync()).InspectAsync(files.Html, expected,
            FigureLayoutTests.ReportWidth + 200, async page =>
            {
                var found = await FigureLayout.CheckAsync(page);
                if (FigureLayoutTests.Output is { } output)
                    for (int i = 0; i < expected; i++)
                        await page.Locator(".js-plotly-plot").Nth(i).ScreenshotAsync(new() { Path = Path.Combine(output, $"report-figure-{i + 1}.png") });
                var widths = await page.EvaluateAsync<double[]>(
                    "() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(e => e.getBoundingClientRect().width)");
                return (found, widths);
            });

        Assert.Empty(network);
        Assert.Empty(errors);
        Assert.Equal(expected, problems.found.Count);
        Assert.All(problems.widths, w => Assert.Equal(FigureLayoutTests.ReportWidth, w, 0.5));
        var all = problems.found.SelectMany((p, i) => p.Select(x => $"figure {i + 1}: {x}")).ToList();
        Assert.True(all.Count == 0, "The report's figures:\n  " + string.Join("\n  ", all));
    }
}

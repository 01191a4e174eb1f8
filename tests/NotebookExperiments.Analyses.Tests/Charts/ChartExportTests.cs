using System.Text.RegularExpressions;
using NotebookExperiments.Analyses;
using NotebookExperiments.Charts;
using NotebookExperiments.Tests.Analyses;
using NotebookExperiments.Tests.Data;
using Plotly.NET;

namespace NotebookExperiments.Tests.Charts;

/// <summary>Standalone HTML with plotly.js inlined (offline), atomic saving, and deterministic JSON without shared state.</summary>
public class ChartExportTests
{
    public static TheoryData<string> Figures => ["beta", "bias-variance", "gradients", "tradeoff", "training"];

    private static GenericChart Build(string figure) => figure switch
    {
        "beta" => BetaSweepFigure.Create(ChartFrames.BetaSweep(), ChartFrames.Subtitle),
        "bias-variance" => BiasVarianceFigure.Create(ChartFrames.BiasVariance(), ChartFrames.Subtitle),
        "gradients" => TemperatureFigures.GradientVersusTemperature(ChartFrames.TemperatureGradients(), ChartFrames.Subtitle),
        "tradeoff" => TemperatureFigures.BiasVarianceTradeoff(ChartFrames.TemperatureGradients(), ChartFrames.Subtitle),
        "training" => TemperatureFigures.TrainingVersusTemperature(ChartFrames.TemperatureRuns(), ChartFrames.Subtitle),
        _ => throw new ArgumentOutOfRangeException(nameof(figure)),
    };

    [Theory]
    [MemberData(nameof(Figures))]
    public void BuildingAFigureTwiceGivesIdenticalJson(string figure)
    {
        var first = ChartExport.ToJson(Build(figure));
        _ = Build("beta");
        _ = Build("training");
        var second = ChartExport.ToJson(Build(figure));
        Assert.Equal(first, second);
    }

    [Theory]
    [MemberData(nameof(Figures))]
    public void TheStandaloneHtmlEmbedsPlotlyJsAndLoadsNothingFromTheNetwork(string figure)
    {
        var chart = Build(figure);
        var jsonBefore = ChartExport.ToJson(chart);
        var html = ChartExport.ToStandaloneHtml(chart, "figure");

        Assert.StartsWith("<!DOCTYPE html>", html.TrimStart(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(new Regex("<script[^>]*\\bsrc\\s*=", RegexOptions.IgnoreCase), html);
        var scripts = Regex.Matches(html, "<script[^>]*>(.*?)</script>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        var library = Assert.Single(scripts, s => s.Contains("plotly.js v", StringComparison.Ordinal));
        Assert.True(library.Length > 1_000_000, $"plotly.js should be inlined in full; the library script has {library.Length} characters.");

        // plotly.js itself names its CDN (a default for map data); nothing outside the library may refer to it or to the web.
        var outsideLibrary = html.Replace(library, "", StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.plot.ly", outsideLibrary, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", outsideLibrary, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", outsideLibrary, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Plotly.newPlot", outsideLibrary, StringComparison.Ordinal);
        Assert.Contains("<title>figure</title>", outsideLibrary, StringComparison.Ordinal);

        Assert.Equal(jsonBefore, ChartExport.ToJson(chart));
    }

    [Fact]
    public void SavingWritesTheWholePageThroughARenameAndReplacesAnOldOne()
    {
        using var folder = new TempDirectory();
        var path = folder.Combine("figures", "beta-sweep.html");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "old");

        var written = ChartExport.SaveStandaloneHtml(Build("beta"), path);

        Assert.Equal(Path.GetFullPath(path), written);
        Assert.Equal([Path.Combine("figures", "beta-sweep.html")], folder.Files());
        var html = File.ReadAllText(path);
        Assert.Contains("plotly.js v", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>", html.TrimEnd(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void SavingCreatesTheFolder()
    {
        using var folder = new TempDirectory();
        var path = folder.Combine("a", "b", "training.html");
        ChartExport.SaveStandaloneHtml(Build("training"), path);
        Assert.True(File.Exists(path));
    }
}

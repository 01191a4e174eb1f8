using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Charts;
using NotebookExperiments.Published;
using NotebookExperiments.Tests.Charts;

namespace NotebookExperiments.Tests.Analyses;

/// <summary>
/// Beyond ReinMax, Fig. 2: panels per configuration, the mean line with a ± 1 standard-error band (the published bars' measure),
/// skipped diverged points, the β = ½ marker, the published sweep on our panel or beside it, the line on noise.
/// </summary>
public class BetaSweepFigureTests
{
    private static FigureJson Figure() => new(BetaSweepFigure.Create(ChartFrames.BetaSweep(), ChartFrames.Subtitle));

    [Fact]
    public void OnePanelPerConfigurationInTheOrderTheyFirstAppear()
    {
        var figure = Figure();
        var grid = figure.Layout.GetProperty("grid");
        Assert.Equal(1, grid.GetProperty("rows").GetInt32());
        Assert.Equal(2, grid.GetProperty("columns").GetInt32());
        Assert.Equal(["8×4 VAE", "4×24 VAE"], figure.AnnotationTexts.Where(t => t.EndsWith("VAE", StringComparison.Ordinal)));
        Assert.Single(figure.InPanel(figure.DataTraces, 1));
        Assert.Single(figure.InPanel(figure.DataTraces, 2));
        foreach (var axis in new[] { "xaxis", "yaxis", "xaxis2", "yaxis2" })
            Assert.Equal("linear", figure.AxisType(axis));
        Assert.Equal("β (first-stage weight)", figure.Axis("xaxis2").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("train −ELBO (nats)", figure.Axis("yaxis").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void MeansAreDrawnInOrderOfBetaAndDivergedPointsAreLeftOutAndNamed()
    {
        var figure = Figure();
        var first = figure.InPanel(figure.DataTraces, 1).Single();
        Assert.Equal([0.0, 0.25, 0.5, 1.0], FigureJson.Numbers(first, "x"));
        Assert.Equal([120.0, 114.0, 110.0, 125.0], FigureJson.Numbers(first, "y"));

        var second = figure.InPanel(figure.DataTraces, 2).Single();
        Assert.Equal([0.0, 0.5], FigureJson.Numbers(second, "x"));
        Assert.DoesNotContain("NaN", figure.Text, StringComparison.Ordinal);
        Assert.Contains(figure.AnnotationTexts, t =>
            t.Contains("Not drawn", StringComparison.Ordinal) && t.Contains("4×24 VAE at β = 1.2", StringComparison.Ordinal));
        Assert.Contains("1 runs, 0 diverged", FigureJson.Strings(second, "customdata")[0], StringComparison.Ordinal);
        Assert.Contains("3 runs, 1 diverged", FigureJson.Strings(first, "customdata")[3], StringComparison.Ordinal);
    }

    [Fact]
    public void TheBandIsMeanPlusAndMinusOneStandardErrorOfTheRunsThatDidNotDivergeAndBreaksWhereItIsUnknown()
    {
        var figure = Figure();
        var band = Assert.Single(figure.InPanel(figure.Bands, 1));
        Assert.Equal([0.0, 0.25, 0.5, 1.0, 1.0, 0.5, 0.25, 0.0], FigureJson.Numbers(band, "x"));
        // sd/√n: 1/√3, 0.8/√3, 0.5/√3 and, where one of three runs diverged, 2/√2.
        double[] se = [1 / Math.Sqrt(3), 0.8 / Math.Sqrt(3), 0.5 / Math.Sqrt(3), 2 / Math.Sqrt(2)];
        Assert.Equal([120 + se[0], 114 + se[1], 110 + se[2], 125 + se[3], 125 - se[3], 110 - se[2], 114 - se[1], 120 - se[0]],
            FigureJson.Numbers(band, "y"), new ToleranceComparer(1e-9));
        // 4x24: β = 0 is one run (sd NaN) and β = 1.2 diverged, so the band covers β = 0.5 alone.
        var lone = Assert.Single(figure.InPanel(figure.Bands, 2));
        Assert.Equal([0.5, 0.5], FigureJson.Numbers(lone, "x"));
        Assert.All(figure.Bands, b => Assert.False(b.GetProperty("showlegend").GetBoolean()));
        // The bands' legend entry names the measure, in the bands' legend group.
        var key = Assert.Single(figure.Keys);
        Assert.Equal(BetaSweepFigure.BandSeriesName, FigureJson.String(key, "name"));
        Assert.Equal("toself", FigureJson.String(key, "fill"));
        Assert.All(figure.Bands, b => Assert.Equal(FigureJson.String(key, "legendgroup"), FigureJson.String(b, "legendgroup")));
        Assert.Contains("110 ± 0.2887 nats (± 1 s.e.; sd 0.5)", FigureJson.Strings(figure.InPanel(figure.DataTraces, 1).Single(), "customdata")[2], StringComparison.Ordinal);
    }

    [Fact]
    public void EveryPanelMarksReinMaxAtBetaOneHalf()
    {
        var figure = Figure();
        var markers = figure.Shapes.Where(s => s.GetProperty("x0").GetDouble() == 0.5 && s.GetProperty("x1").GetDouble() == 0.5).ToList();
        Assert.Equal(["x", "x2"], markers.Select(s => FigureJson.String(s, "xref")));
        Assert.Equal(["y domain", "y2 domain"], markers.Select(s => FigureJson.String(s, "yref")));
        Assert.Equal(2, figure.AnnotationTexts.Count(t => t == BetaSweepFigure.ReinMaxMarkerLabel));
    }

    [Fact]
    public void TitleSubtitleAndASingleLegendEntry()
    {
        var figure = Figure();
        Assert.StartsWith(BetaSweepFigure.Title, figure.Title, StringComparison.Ordinal);
        Assert.Contains("Quick preset: 2 epochs, 2,000 training images, 1 seed", figure.Title, StringComparison.Ordinal);
        Assert.Contains("Mean of up to 3 seeds; bands ± 1 standard error, as the published bars", figure.PlainTitle, StringComparison.Ordinal);
        Assert.Equal([BetaSweepFigure.MeanSeriesName(3), BetaSweepFigure.BandSeriesName], figure.LegendEntries);
        Assert.All(figure.DataTraces, t => Assert.Equal(EstimatorPalette.ColorOf("ReinMax-RK2(β)"), HexOf(FigureJson.LineColor(t))));
    }

    [Fact]
    public void ManyConfigurationsWrapOntoRowsOfThree()
    {
        var configs = new[] { "8x4", "8x16", "4x24", "16x8" };
        var frame = new DataFrame(
            new StringDataFrameColumn("config", configs),
            new DoubleDataFrameColumn("beta", configs.Select(_ => 0.5)),
            new Int32DataFrameColumn("runs", configs.Select(_ => 1)),
            new DoubleDataFrameColumn("mean_train_elbo", configs.Select(_ => 100.0)),
            new DoubleDataFrameColumn("sd_train_elbo", configs.Select(_ => double.NaN)),
            new Int32DataFrameColumn("diverged_runs", configs.Select(_ => 0)));
        var figure = new FigureJson(BetaSweepFigure.Create(frame, ""));
        var grid = figure.Layout.GetProperty("grid");
        Assert.Equal((2, 3), (grid.GetProperty("rows").GetInt32(), grid.GetProperty("columns").GetInt32()));
        Assert.Equal(4, figure.DataTraces.Count);
        Assert.Empty(figure.Bands);
        Assert.Equal([BetaSweepFigure.SingleRunSeriesName], figure.LegendEntries);
        Assert.StartsWith(BetaSweepFigure.Title + "<br>", figure.Title, StringComparison.Ordinal);
        Assert.Contains("One seed per β: the noise between seeds is not measured", figure.PlainTitle, StringComparison.Ordinal);
        Assert.Contains("--preset paper runs 5 seeds", figure.PlainTitle, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingColumnIsAnErrorThatNamesIt()
    {
        var frame = ChartFrames.BetaSweep();
        frame.Columns.Remove("sd_train_elbo");
        var error = Assert.Throws<ArgumentException>(() => BetaSweepFigure.Create(frame, ""));
        Assert.Contains("sd_train_elbo", error.Message, StringComparison.Ordinal);
        Assert.Equal("summary", error.ParamName);
    }

    [Fact]
    public void AFrameReadBackFromCsvGivesTheSameFigure()
    {
        using var stream = new MemoryStream();
        stream.Write(System.Text.Encoding.UTF8.GetBytes(CsvTable.Format(ChartFrames.BetaSweep())));
        stream.Position = 0;
        var reloaded = DataFrame.LoadCsv(stream, cultureInfo: System.Globalization.CultureInfo.InvariantCulture);
        var figure = new FigureJson(BetaSweepFigure.Create(reloaded, ChartFrames.Subtitle));
        Assert.Equal(Figure().Traces.Count, figure.Traces.Count);
        Assert.Equal([0.0, 0.25, 0.5, 1.0], FigureJson.Numbers(figure.InPanel(figure.DataTraces, 1).Single(), "x"));
    }

    [Fact]
    public void ThePublishedSweepOutsideOurRangeGetsAPanelOfItsOwnWithItsStandardErrors()
    {
        // Our 8×4 means lie at 110–125 nats, the published ones at 133–214: drawn together they would stretch our axis.
        var figure = new FigureJson(BetaSweepFigure.Create(ChartFrames.BetaSweep(), ChartFrames.Subtitle, PublishedOverlay.For(BetaSweepParameters.Quick)));
        Assert.Equal("published (Wang & Bui, 5 seeds, 50 epochs): mean ± 1 standard error", BetaSweepFigure.PublishedSeriesName);
        Assert.Equal(["8×4 VAE", "8×4 VAE, published (Wang &amp; Bui, 50 epochs)", "4×24 VAE"],
            figure.AnnotationTexts.Where(t => t.Contains("VAE", StringComparison.Ordinal) && !t.Contains("<br>", StringComparison.Ordinal)));
        Assert.DoesNotContain(figure.InPanel(figure.DataTraces, 1), t => FigureJson.String(t, "name") == BetaSweepFigure.PublishedSeriesName);
        Assert.DoesNotContain(figure.InPanel(figure.DataTraces, 3), t => FigureJson.String(t, "name") == BetaSweepFigure.PublishedSeriesName);
        var published = figure.InPanel(figure.DataTraces, 2);
        Assert.All(published, t => Assert.Equal(BetaSweepFigure.PublishedSeriesName, FigureJson.String(t, "name")));

        // Two traces of one legend group: the points with a published s.e. and their bars, then the collapse level (β ≤ 0.45),
        // for which the source gives none, without bars.
        Assert.Equal(2, published.Count);
        var (withBars, withoutBars) = (published[0], published[1]);
        Assert.Equal(BetaSweepParameters.PaperBetas.Skip(14), FigureJson.Numbers(withBars, "x"), new ToleranceComparer(1e-12));
        Assert.Equal([142.97, 133.05, 133.19, 134.89, 135.13, 135.19, 136.34, 137.28, 137.89, 139.05, 140.15, 141.03, 141.92, 142.94, 143.66],
            FigureJson.Numbers(withBars, "y"));
        var bars = withBars.GetProperty("error_y");
        Assert.Equal("data", FigureJson.String(bars, "type"));
        Assert.Equal([0.81, 0.58, 0.40, 0.38, 0.35, 0.28, 0.29, 0.11, 0.19, 0.28, 0.16, 0.19, 0.25, 0.16, 0.26], FigureJson.Numbers(bars, "array"));
        Assert.Equal(PublishedOverlay.Color, FigureJson.String(bars, "color"));
        Assert.Equal(BetaSweepParameters.PaperBetas.Take(14), FigureJson.Numbers(withoutBars, "x"), new ToleranceComparer(1e-12));
        Assert.All(FigureJson.Numbers(withoutBars, "y"), v => Assert.Equal(214.41, v));
        Assert.False(withoutBars.TryGetProperty("error_y", out _));
        Assert.False(withoutBars.GetProperty("showlegend").GetBoolean());
        Assert.Equal(FigureJson.String(withBars, "legendgroup"), FigureJson.String(withoutBars, "legendgroup"));
        foreach (var trace in published)
        {
            Assert.Equal("markers", FigureJson.String(trace, "mode"));
            Assert.Equal(PublishedOverlay.Color, HexOf(FigureJson.String(trace.GetProperty("marker"), "color")!));
            Assert.Equal("2", FigureJson.String(trace.GetProperty("marker"), "symbol")); // plotly.js's code of "diamond"
        }
        Assert.Contains("142.97 ± 0.81 nats (± 1 s.e.)", FigureJson.Strings(withBars, "customdata")[0], StringComparison.Ordinal);
        Assert.Contains("214.41 nats (no standard error given)", FigureJson.Strings(withoutBars, "customdata")[0], StringComparison.Ordinal);

        Assert.Equal([BetaSweepFigure.MeanSeriesName(3), BetaSweepFigure.PublishedSeriesName, BetaSweepFigure.BandSeriesName], figure.LegendEntries);
        Assert.DoesNotContain("NaN", figure.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePublishedSweepWithinOurRangeIsDrawnOnOurPanel()
    {
        // Ours a nat above the published means, 5 runs each: the published points lie within our range.
        var points = PublishedResults.BetaSweep.OrderBy(q => q.Beta).ToList();
        var frame = new DataFrame(
            new StringDataFrameColumn("config", points.Select(_ => "8x4")),
            new DoubleDataFrameColumn("beta", points.Select(q => q.Beta)),
            new Int32DataFrameColumn("runs", points.Select(_ => 5)),
            new DoubleDataFrameColumn("mean_train_elbo", points.Select(q => q.TrainElbo.Mean + 1)),
            new DoubleDataFrameColumn("sd_train_elbo", points.Select(_ => 1.0)),
            new Int32DataFrameColumn("diverged_runs", points.Select(_ => 0)));
        var figure = new FigureJson(BetaSweepFigure.Create(frame, "", PublishedOverlay.For(BetaSweepParameters.Paper)));
        Assert.Contains("8×4 VAE, ours and published", figure.AnnotationTexts);
        Assert.Equal(2, figure.InPanel(figure.DataTraces, 1).Count(t => FigureJson.String(t, "name") == BetaSweepFigure.PublishedSeriesName));
        Assert.DoesNotContain(figure.AnnotationTexts, t => t.Contains("panel of their own", StringComparison.Ordinal));
        Assert.Equal([BetaSweepFigure.MeanSeriesName(5), BetaSweepFigure.PublishedSeriesName, BetaSweepFigure.BandSeriesName], figure.LegendEntries);
    }

    [Fact]
    public void TheFootnoteSaysWhetherOurRunIsAtThePublishedProtocol()
    {
        static string Footnote(BetaSweepParameters parameters) =>
            new FigureJson(BetaSweepFigure.Create(ChartFrames.BetaSweep(), ChartFrames.Subtitle, PublishedOverlay.For(parameters))).AnnotationTexts.Last().Replace("<br>", " ", StringComparison.Ordinal);
        var quick = Footnote(BetaSweepParameters.Quick);
        Assert.Contains("Our run is not at the published protocol", quick, StringComparison.Ordinal);
        Assert.Contains("18 epochs (published: 50)", quick, StringComparison.Ordinal);
        Assert.Contains("for β ≤ 0.45 the source gives 214.41 with no standard error", quick, StringComparison.Ordinal);
        Assert.Contains("They lie outside our range, so they have a panel of their own.", quick, StringComparison.Ordinal);
        Assert.Contains("Our run is at the published protocol", Footnote(BetaSweepParameters.Paper), StringComparison.Ordinal);
        Assert.Contains("Our run is not at the published protocol, so it is not comparable with the published points: my own data",
            new FigureJson(BetaSweepFigure.Create(ChartFrames.BetaSweep(), "", new PublishedOverlay(Comparability.NotComparable("my own data")))).AnnotationTexts.Last().Replace("<br>", " ", StringComparison.Ordinal),
            StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAnEightByFourPanelThePublishedSweepIsNotDrawnAndTheFootnoteSaysSo()
    {
        var frame = ChartFrames.BetaSweep();
        var only4x24 = frame.Filter(new PrimitiveDataFrameColumn<bool>("keep", Enumerable.Range(0, (int)frame.Rows.Count).Select(i => (string)frame["config"][i] == "4x24")));
        var figure = new FigureJson(BetaSweepFigure.Create(only4x24, "", PublishedOverlay.For(BetaSweepParameters.Paper)));
        Assert.DoesNotContain(figure.DataTraces, t => FigureJson.String(t, "name") == BetaSweepFigure.PublishedSeriesName);
        Assert.Contains(figure.AnnotationTexts, t => t.Contains("this figure has no 8×4 panel: not drawn", StringComparison.Ordinal));
    }

    /// <summary>Plotly.NET writes colours as <c>rgba(r, g, b, 1.0)</c>; this gives <c>#RRGGBB</c>.</summary>
    internal static string HexOf(string rgba)
    {
        var parts = rgba[(rgba.IndexOf('(') + 1)..rgba.IndexOf(')')].Split(',').Select(p => p.Trim()).ToArray();
        return $"#{int.Parse(parts[0]):X2}{int.Parse(parts[1]):X2}{int.Parse(parts[2]):X2}";
    }
}

/// <summary>Compares doubles up to an absolute tolerance.</summary>
internal sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
{
    public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

    public int GetHashCode(double obj) => 0;
}

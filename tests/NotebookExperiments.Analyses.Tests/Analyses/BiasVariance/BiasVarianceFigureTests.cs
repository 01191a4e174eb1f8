using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Charts;
using NotebookExperiments.Published;
using NotebookExperiments.Tests.Charts;

namespace NotebookExperiments.Tests.Analyses;

/// <summary>
/// Beyond ReinMax, Fig. 1: two panels, one line per estimator in both, one legend entry and one colour each; the published cosines
/// on our cosine panel or in a panel of their own; a series far apart named in a note; the line on noise.
/// </summary>
public class BiasVarianceFigureTests
{
    private static FigureJson Figure() => new(BiasVarianceFigure.Create(ChartFrames.BiasVariance(), ChartFrames.Subtitle));

    [Fact]
    public void TwoPanelsCosineLinearAndRelativeStdLog()
    {
        var figure = Figure();
        var grid = figure.Layout.GetProperty("grid");
        Assert.Equal((1, 2), (grid.GetProperty("rows").GetInt32(), grid.GetProperty("columns").GetInt32()));
        Assert.Equal("linear", figure.AxisType("xaxis"));
        Assert.Equal("linear", figure.AxisType("yaxis"));
        Assert.Equal("linear", figure.AxisType("xaxis2"));
        Assert.Equal("log", figure.AxisType("yaxis2"));
        Assert.StartsWith(BiasVarianceFigure.Title, figure.Title, StringComparison.Ordinal);
        Assert.False(figure.Layout.TryGetProperty("width", out _));
        // Ticks at our checkpoints, whole numbers.
        Assert.Equal([1.0, 5.0], FigureJson.Numbers(figure.Axis("xaxis"), "tickvals"));
        Assert.Equal([1.0, 5.0], FigureJson.Numbers(figure.Axis("xaxis2"), "tickvals"));
    }

    [Fact]
    public void OneLinePerEstimatorInEachPanelNamedByTitleWithOneLegendEntryAndOneColour()
    {
        var figure = Figure();
        var cosine = figure.InPanel(figure.DataTraces, 1);
        var variance = figure.InPanel(figure.DataTraces, 2);
        Assert.Equal(["ReinMax", "ST", "ZGR"], cosine.Select(t => FigureJson.String(t, "name")));
        Assert.Equal(["ReinMax", "ST", "ZGR"], variance.Select(t => FigureJson.String(t, "name")));
        Assert.Equal(["ReinMax", "ST", "ZGR"], figure.LegendEntries);
        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(FigureJson.LineColor(cosine[k]), FigureJson.LineColor(variance[k]));
            Assert.Equal(FigureJson.String(cosine[k], "legendgroup"), FigureJson.String(variance[k], "legendgroup"));
        }
        Assert.Equal(EstimatorPalette.ColorOf("ReinMax"), BetaSweepFigureTests.HexOf(FigureJson.LineColor(cosine[0])));
        Assert.Equal(EstimatorPalette.ColorOf("ZGR"), BetaSweepFigureTests.HexOf(FigureJson.LineColor(cosine[2])));
    }

    [Fact]
    public void PublishedCosinesOutsideOurEpochsGetAPanelOfTheirOwnInEachEstimatorsColour()
    {
        // Our checkpoints are epochs 1 and 5; the published ones 1, 10, …, 50: on our panel they would squeeze our epochs.
        var figure = new FigureJson(BiasVarianceFigure.Create(ChartFrames.BiasVariance(), ChartFrames.Subtitle, PublishedOverlay.For(BiasVarianceParameters.Quick)));
        Assert.Equal(["ReinMax", "ST", "ZGR"], figure.InPanel(figure.DataTraces, 1).Select(t => FigureJson.String(t, "name")));
        Assert.Equal(["ReinMax", "ST", "ZGR"], figure.InPanel(figure.DataTraces, 2).Select(t => FigureJson.String(t, "name")));
        var panel = figure.InPanel(figure.DataTraces, 3);
        Assert.Equal(["ReinMax (published)", "ST (published)"], panel.Select(t => FigureJson.String(t, "name")));
        Assert.Contains(figure.AnnotationTexts, t => t.StartsWith("Published cosines (Wang &amp; Bui, 10 seeds)", StringComparison.Ordinal));
        Assert.Equal(["ReinMax", "ST", "ZGR", BiasVarianceFigure.PublishedSeriesName], figure.LegendEntries);

        double[] epochs = [1, 10, 20, 30, 40, 50];
        foreach (var (title, index, cosines) in new[] { ("ReinMax", 0, new[] { .77, .85, .83, .79, .77, .65 }), ("ST", 1, new[] { .47, .49, .41, .40, .47, .38 }) })
        {
            var published = panel[index];
            Assert.Equal("lines+markers", FigureJson.String(published, "mode"));
            Assert.Equal("dot", FigureJson.String(published.GetProperty("line"), "dash"));
            Assert.Equal(epochs, FigureJson.Numbers(published, "x"));
            Assert.Equal(cosines, FigureJson.Numbers(published, "y"));
            Assert.Equal(EstimatorPalette.ColorOf(title), BetaSweepFigureTests.HexOf(FigureJson.String(published.GetProperty("marker"), "color")!));
            Assert.All(FigureJson.Strings(published.GetProperty("marker"), "symbol"), symbol => Assert.Equal("diamond", symbol));
            Assert.Equal(PublishedResults.BiasVarianceCosine.Where(q => q.Title == title).OrderBy(q => q.Epoch).Select(q => q.Cosine.StandardError),
                FigureJson.Numbers(published.GetProperty("error_y"), "array"));         // ± 1 published standard error
            Assert.Equal(title, FigureJson.String(published, "legendgroup"));
            Assert.False(published.GetProperty("showlegend").GetBoolean());
            Assert.Contains("(± 1 s.e. over 10 seeds)", FigureJson.Strings(published, "customdata")[0], StringComparison.Ordinal);
        }
        // The grey key explains the kind of mark: dotted lines with diamonds.
        var key = figure.Keys.Single(k => FigureJson.String(k, "name") == BiasVarianceFigure.PublishedSeriesName);
        Assert.Equal(("lines+markers", "dot"), (FigureJson.String(key, "mode"), FigureJson.String(key.GetProperty("line"), "dash")));
        var footnote = figure.AnnotationTexts.Last().Replace("<br>", " ", StringComparison.Ordinal);
        Assert.Contains("Diamonds: the published cosines of ReinMax, ST, from the Beyond ReinMax authors", footnote, StringComparison.Ordinal);
        Assert.Contains("Their epochs or values lie outside ours, so they have a panel of their own.", footnote, StringComparison.Ordinal);
        Assert.Contains("Our run is not at the published protocol", footnote, StringComparison.Ordinal);
        Assert.Contains("256 estimates (published: 1024, Fig. 1's caption)", footnote, StringComparison.Ordinal);
        Assert.Contains("Our run is at the published protocol",
            new FigureJson(BiasVarianceFigure.Create(ChartFrames.BiasVariance(), "", PublishedOverlay.For(BiasVarianceParameters.Paper))).AnnotationTexts.Last(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void PublishedCosinesWithinOurEpochsAndValuesAreDiamondsOnOurCosinePanel()
    {
        // Ours at the published checkpoints, a little below the published cosines.
        int[] epochs = [1, 10, 20, 30, 40, 50];
        double[] reinMax = [.77, .85, .83, .79, .77, .65], st = [.47, .49, .41, .40, .47, .38];
        var frame = new DataFrame(
            new Int32DataFrameColumn("epoch", epochs.Concat(epochs)),
            new StringDataFrameColumn("estimator", epochs.Select(_ => "reinmax:tau=1").Concat(epochs.Select(_ => "st:tau=1"))),
            new StringDataFrameColumn("title", epochs.Select(_ => "ReinMax").Concat(epochs.Select(_ => "ST"))),
            new DoubleDataFrameColumn("cosine", reinMax.Concat(st).Select(c => c - 0.01)),
            new DoubleDataFrameColumn("relative_std", epochs.Concat(epochs).Select(_ => 2.0)),
            new Int32DataFrameColumn("samples", epochs.Concat(epochs).Select(_ => 1024)));
        var figure = new FigureJson(BiasVarianceFigure.Create(frame, "", PublishedOverlay.For(BiasVarianceParameters.Paper)));
        var cosine = figure.InPanel(figure.DataTraces, 1);
        Assert.Equal(["ReinMax", "ReinMax (published)", "ST", "ST (published)"], cosine.Select(t => FigureJson.String(t, "name")));
        Assert.Empty(figure.InPanel(figure.DataTraces, 3));
        Assert.All(new[] { cosine[1], cosine[3] }, published =>
        {
            Assert.Equal("markers", FigureJson.String(published, "mode"));
            Assert.Equal("2", FigureJson.String(published.GetProperty("marker"), "symbol")); // diamond
        });
        Assert.Equal("markers", FigureJson.String(figure.Keys.Single(k => FigureJson.String(k, "name") == BiasVarianceFigure.PublishedSeriesName), "mode"));
        Assert.Equal(epochs.Select(e => (double)e), FigureJson.Numbers(figure.Axis("xaxis"), "tickvals"));
    }

    [Fact]
    public void ASeriesFarApartFromTheOthersIsNamedInANoteInsteadOfSqueezingThem()
    {
        // The authors' code's ReinMax-CV at cosine −0.9 beside four estimators between 0.45 and 0.9.
        string[] specs = ["st:tau=1", "st-gs:tau=1", "reinmax:tau=1", "zgr", "reinmax-cv:cv=code,eta=0.7,k=100,tau2=0.1"];
        string[] titles = ["ST", "ST-GS", "ReinMax", "ZGR", "ReinMax-CV (authors' code)"];
        double[][] cosines = [[0.8, 0.45], [0.82, 0.5], [0.93, 0.85], [0.93, 0.84], [-0.94, -0.52]];
        var rows = Enumerable.Range(0, specs.Length).SelectMany(k => new[] { (1, k, cosines[k][0]), (3, k, cosines[k][1]) }).ToList();
        var frame = new DataFrame(
            new Int32DataFrameColumn("epoch", rows.Select(r => r.Item1)),
            new StringDataFrameColumn("estimator", rows.Select(r => specs[r.k])),
            new StringDataFrameColumn("title", rows.Select(r => titles[r.k])),
            new DoubleDataFrameColumn("cosine", rows.Select(r => r.Item3)),
            new DoubleDataFrameColumn("relative_std", rows.Select(r => 2.0 + r.k)),
            new Int32DataFrameColumn("samples", rows.Select(_ => 256)));
        var figure = new FigureJson(BiasVarianceFigure.Create(frame, ""));
        Assert.Equal(titles.Take(4), figure.InPanel(figure.DataTraces, 1).Select(t => FigureJson.String(t, "name")));
        Assert.Equal(titles, figure.InPanel(figure.DataTraces, 2).Select(t => FigureJson.String(t, "name")));
        Assert.Contains("↓ ReinMax-CV (authors' code): cosine −0.94 to −0.52, below this axis", string.Join("\n", figure.AnnotationTexts),
            StringComparison.Ordinal);
        // Its legend entry stays (it is drawn on the variance panel), so its colour is still named.
        Assert.Contains("ReinMax-CV (authors' code)", figure.LegendEntries);
    }

    [Fact]
    public void OnlyTheSpecsThatWerePublishedGetPublishedCosines()
    {
        var frame = new DataFrame(
            new Int32DataFrameColumn("epoch", [1, 1]),
            new StringDataFrameColumn("estimator", ["st:tau=0.5", "gr-mc:tau=1,k=100"]),
            new StringDataFrameColumn("title", ["ST", "GR-MC100"]),
            new DoubleDataFrameColumn("cosine", [0.5, 0.6]),
            new DoubleDataFrameColumn("relative_std", [1.0, 1.0]),
            new Int32DataFrameColumn("samples", [8, 8]));
        var figure = new FigureJson(BiasVarianceFigure.Create(frame, "", PublishedOverlay.For(BiasVarianceParameters.Paper)));
        // ST at τ = 0.5 is not the published ST (τ = 1); GR-MC100 written in another order of its keys is (in a panel of its own:
        // our one checkpoint is epoch 1).
        Assert.Equal(["ST", "GR-MC100"], figure.InPanel(figure.DataTraces, 1).Select(t => FigureJson.String(t, "name")));
        Assert.Equal(["GR-MC100 (published)"], figure.InPanel(figure.DataTraces, 3).Select(t => FigureJson.String(t, "name")));

        var none = new FigureJson(BiasVarianceFigure.Create(ChartFrames.BiasVariance().Filter(
            new PrimitiveDataFrameColumn<bool>("zgr", Enumerable.Range(0, 6).Select(i => i % 3 == 2))), "", PublishedOverlay.For(BiasVarianceParameters.Paper)));
        Assert.Contains(none.AnnotationTexts, t => t.Contains("No estimator here has published cosines", StringComparison.Ordinal));
    }

    [Fact]
    public void PointsAreInOrderOfEpochAndNaNValuesAreLeftOut()
    {
        var figure = Figure();
        var stCosine = figure.InPanel(figure.DataTraces, 1)[1];
        Assert.Equal([1.0, 5.0], FigureJson.Numbers(stCosine, "x"));
        Assert.Equal([0.911, 0.915], FigureJson.Numbers(stCosine, "y"), new ToleranceComparer(1e-12));
        var zgrVariance = figure.InPanel(figure.DataTraces, 2)[2];
        Assert.Equal([5.0], FigureJson.Numbers(zgrVariance, "x"));
        Assert.DoesNotContain("NaN", figure.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void SpecsSharingATitleAreToldApart()
    {
        var frame = new DataFrame(
            new Int32DataFrameColumn("epoch", [1, 1]),
            new StringDataFrameColumn("estimator", ["gr-mc:k=10,tau=1", "gr-mc:k=100,tau=1"]),
            new StringDataFrameColumn("title", ["GR-MCK", "GR-MCK"]),
            new DoubleDataFrameColumn("cosine", [0.9, 0.95]),
            new DoubleDataFrameColumn("relative_std", [0.5, 0.3]),
            new DoubleDataFrameColumn("mse", [0.1, 0.1]),
            new DoubleDataFrameColumn("exact_norm", [1.0, 1.0]),
            new DoubleDataFrameColumn("mean_norm", [1.0, 1.0]),
            new Int32DataFrameColumn("samples", [1024, 1024]));
        var figure = new FigureJson(BiasVarianceFigure.Create(frame, ""));
        Assert.Equal(["GR-MCK (gr-mc:k=10,tau=1)", "GR-MCK (gr-mc:k=100,tau=1)"], figure.LegendEntries);
        var dashes = figure.InPanel(figure.DataTraces, 1).Select(t => FigureJson.String(t.GetProperty("line"), "dash")).ToList();
        Assert.Equal(2, dashes.Distinct().Count());
    }

    [Fact]
    public void SeedsAreAveragedWithAStandardErrorBandAndTheFootnoteSaysSo()
    {
        // ReinMax-CV at epoch 1 with seeds 0 and 1 (cosine 0.8 and 0.9, relative std 2 and 4); seed 2's estimates were all zero.
        var frame = new DataFrame(
            new Int64DataFrameColumn("seed", [0, 1, 2, 0, 1, 2]),
            new Int32DataFrameColumn("epoch", [1, 1, 1, 5, 5, 5]),
            new StringDataFrameColumn("estimator", Enumerable.Repeat("reinmax-cv:eta=0.7,tau2=0.1,k=100", 6)),
            new StringDataFrameColumn("title", Enumerable.Repeat("ReinMax-CV", 6)),
            new DoubleDataFrameColumn("cosine", [0.8, 0.9, double.NaN, 0.9, 0.9, 0.9]),
            new DoubleDataFrameColumn("relative_std", [2.0, 4.0, double.NaN, 1.0, 1.0, 1.0]),
            new Int32DataFrameColumn("samples", Enumerable.Repeat(1024, 6)));
        var figure = new FigureJson(BiasVarianceFigure.Create(frame, ""));
        var cosine = figure.InPanel(figure.DataTraces, 1).Single();
        Assert.Equal([0.85, 0.9], FigureJson.Numbers(cosine, "y"), new ToleranceComparer(1e-12));
        Assert.Equal([3.0, 1.0], FigureJson.Numbers(figure.InPanel(figure.DataTraces, 2).Single(), "y"), new ToleranceComparer(1e-12));
        Assert.Equal(2, figure.Bands.Count);
        var notes = string.Join("\n", figure.AnnotationTexts).Replace("<br>", " ");
        Assert.Contains("mean over 3 seeds; bands: ± 1 standard error over seeds", notes, StringComparison.Ordinal);
        Assert.Contains("left out of the mean: ReinMax-CV at epoch 1 (1 of 3)", notes, StringComparison.Ordinal);
        Assert.Contains("Mean of 3 seeds ± 1 standard error (bands): estimators whose bands overlap are not told apart", figure.PlainTitle, StringComparison.Ordinal);
        Assert.Equal("± 1 standard error over 3 seeds", FigureJson.String(Assert.Single(figure.Keys), "name"));
        Assert.Contains(EstimatorNotes.ReinMaxCv, notes, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePaperPresetsEstimatorsAreDrawnByTitleEachInItsColourAndTheUnpublishedOnesAreNamed()
    {
        var specs = BiasVarianceParameters.Paper.Estimators;
        var titles = specs.Select(NotebookExperiments.Estimators.EstimatorCatalog.Default.TitleOf).ToList();
        Assert.Equal(["ST", "ST-GS", "GR-MC100", "GST-1.0", "ReinMax", "ReinMax-Rao", "ZGR", "ReinMax-CV", "ReinMax-CV (authors' forward noise)",
            "ReinMax-CV (authors' code)"], titles);
        var frame = new DataFrame(
            new Int32DataFrameColumn("epoch", specs.Select(_ => 1)),
            new StringDataFrameColumn("estimator", specs),
            new StringDataFrameColumn("title", titles),
            new DoubleDataFrameColumn("cosine", specs.Select((_, i) => 0.5 + 0.01 * i)),
            new DoubleDataFrameColumn("relative_std", specs.Select((_, i) => 1.0 + 0.1 * i)),
            new Int32DataFrameColumn("samples", specs.Select(_ => 1024)));
        var figure = new FigureJson(BiasVarianceFigure.Create(frame, "", PublishedOverlay.For(BiasVarianceParameters.Paper)));
        Assert.Equal([.. titles, BiasVarianceFigure.PublishedSeriesName], figure.LegendEntries);
        var lines = figure.InPanel(figure.DataTraces, 2);
        Assert.Equal(titles, lines.Select(t => FigureJson.String(t, "name")));
        var colours = lines.Select(t => BetaSweepFigureTests.HexOf(FigureJson.LineColor(t))).ToList();
        Assert.Equal(titles.Select(EstimatorPalette.ColorOf), colours);
        Assert.Equal(colours.Count, colours.Distinct().Count());
        var notes = string.Join("\n", figure.AnnotationTexts).Replace("<br>", " ", StringComparison.Ordinal);
        Assert.Contains("Not published (no published cosines to compare with): ZGR, ReinMax-CV, ReinMax-CV (authors' forward noise), " +
            "ReinMax-CV (authors' code).", notes, StringComparison.Ordinal);
        Assert.Contains(BiasVarianceFigure.RelativeStdNote, notes, StringComparison.Ordinal);
        Assert.Contains(EstimatorNotes.ReinMaxCv, notes, StringComparison.Ordinal);
        Assert.Contains(EstimatorNotes.ReinMaxCvAuthors, notes, StringComparison.Ordinal);
        Assert.Contains("Our run is at the published protocol", notes, StringComparison.Ordinal);
    }

    [Fact]
    public void OneSeedIsSaidToBeASingleRealisationWithoutBand()
    {
        var figure = Figure();
        Assert.Empty(figure.Bands);
        Assert.Contains(figure.AnnotationTexts, t => t.Contains("One seed: a single realisation, no band", StringComparison.Ordinal));
        Assert.Contains("One seed: the noise between seeds is not measured", figure.PlainTitle, StringComparison.Ordinal);
        Assert.Contains("--preset paper averages 10 seeds", figure.PlainTitle, StringComparison.Ordinal);
        Assert.Empty(figure.Keys);
    }
}

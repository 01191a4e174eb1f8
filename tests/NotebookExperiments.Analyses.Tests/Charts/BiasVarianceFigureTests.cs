using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Charts;

namespace NotebookExperiments.Tests.Charts;

/// <summary>Beyond ReinMax, Fig. 1: two panels, one line per estimator in both, one legend entry and one colour each.</summary>
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
        Assert.Equal(1000, figure.Layout.GetProperty("width").GetInt32());
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
    public void ThePublishedCosinesAreDiamondsInEachEstimatorsColourOnTheCosinePanel()
    {
        var figure = new FigureJson(BiasVarianceFigure.Create(ChartFrames.BiasVariance(), ChartFrames.Subtitle, PublishedOverlay.For(BiasVarianceParameters.Quick)));
        var cosine = figure.InPanel(figure.DataTraces, 1);
        Assert.Equal(["ReinMax", "ReinMax (published)", "ST", "ST (published)", "ZGR"], cosine.Select(t => FigureJson.String(t, "name")));
        Assert.Equal(["ReinMax", "ST", "ZGR"], figure.InPanel(figure.DataTraces, 2).Select(t => FigureJson.String(t, "name")));
        Assert.Equal(["ReinMax", "ST", "ZGR"], figure.LegendEntries);

        double[] epochs = [1, 10, 20, 30, 40, 50];
        foreach (var (title, index, cosines) in new[] { ("ReinMax", 1, new[] { .77, .85, .83, .79, .77, .65 }), ("ST", 3, new[] { .47, .49, .41, .40, .47, .38 }) })
        {
            var published = cosine[index];
            Assert.Equal("markers", FigureJson.String(published, "mode"));
            Assert.Equal(epochs, FigureJson.Numbers(published, "x"));
            Assert.Equal(cosines, FigureJson.Numbers(published, "y"));
            Assert.Equal(EstimatorPalette.ColorOf(title), BetaSweepFigureTests.HexOf(FigureJson.String(published.GetProperty("marker"), "color")!));
            Assert.Equal("2", FigureJson.String(published.GetProperty("marker"), "symbol")); // diamond
            Assert.False(published.TryGetProperty("error_y", out _));                       // no standard error is published
            Assert.Equal(title, FigureJson.String(published, "legendgroup"));
            Assert.Contains("no standard error published", FigureJson.Strings(published, "customdata")[0], StringComparison.Ordinal);
        }
        var footnote = figure.AnnotationTexts.Last().Replace("<br>", " ", StringComparison.Ordinal);
        Assert.Contains("Diamonds: the published cosines of ReinMax, ST, from the Beyond ReinMax authors", footnote, StringComparison.Ordinal);
        Assert.Contains("Our run is not at the published protocol", footnote, StringComparison.Ordinal);
        Assert.Contains("256 estimates (published: 1024, Fig. 1's caption)", footnote, StringComparison.Ordinal);
        Assert.Contains("Our run is at the published protocol",
            new FigureJson(BiasVarianceFigure.Create(ChartFrames.BiasVariance(), "", PublishedOverlay.For(BiasVarianceParameters.Paper))).AnnotationTexts.Last(),
            StringComparison.Ordinal);
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
        // ST at τ = 0.5 is not the published ST (τ = 1); GR-MC100 written in another order of its keys is.
        Assert.Equal(["ST", "GR-MC100", "GR-MC100 (published)"], figure.InPanel(figure.DataTraces, 1).Select(t => FigureJson.String(t, "name")));

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
        Assert.Equal(titles, figure.LegendEntries);
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
    }
}

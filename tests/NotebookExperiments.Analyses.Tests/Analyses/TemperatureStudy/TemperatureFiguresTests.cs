using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Charts;
using NotebookExperiments.Tests.Charts;

namespace NotebookExperiments.Tests.Analyses;

/// <summary>The temperature study: curves against τ, temperature-free reference lines, the trade-off plane, training.</summary>
public class TemperatureFiguresTests
{
    [Fact]
    public void GradientsAgainstTemperatureHaveLogTemperatureAxesAndALogVarianceAxis()
    {
        var figure = new FigureJson(TemperatureFigures.GradientVersusTemperature(ChartFrames.TemperatureGradients(), ChartFrames.Subtitle));
        Assert.Equal("log", figure.AxisType("xaxis"));
        Assert.Equal("linear", figure.AxisType("yaxis"));
        Assert.Equal("log", figure.AxisType("xaxis2"));
        Assert.Equal("log", figure.AxisType("yaxis2"));
        Assert.Equal(["ST", "GR-MC10", "ZGR"], figure.LegendEntries);
        Assert.Equal(3, figure.InPanel(figure.Traces, 1).Count);
        Assert.Equal(3, figure.InPanel(figure.Traces, 2).Count);
        Assert.StartsWith(TemperatureFigures.GradientTitle, figure.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void CurvesFollowTemperatureAndTemperatureFreeEstimatorsAreDashedHorizontalLines()
    {
        var figure = new FigureJson(TemperatureFigures.GradientVersusTemperature(ChartFrames.TemperatureGradients(), ""));
        var st = figure.InPanel(figure.Traces, 1)[0];
        Assert.Equal([0.1, 0.5, 1.0], FigureJson.Numbers(st, "x"));
        Assert.Equal([0.98, 0.94, 0.89], FigureJson.Numbers(st, "y"), new ToleranceComparer(1e-12));

        foreach (var (panel, value) in new[] { (1, 0.97), (2, 0.6) })
        {
            var zgr = figure.InPanel(figure.Traces, panel).Single(t => FigureJson.String(t, "name") == "ZGR");
            Assert.Equal([0.1, 1.0], FigureJson.Numbers(zgr, "x"));
            Assert.Equal([value, value], FigureJson.Numbers(zgr, "y"));
            Assert.Equal("dash", FigureJson.String(zgr.GetProperty("line"), "dash"));
            Assert.Equal("lines", FigureJson.String(zgr, "mode"));
            Assert.Equal(EstimatorPalette.ColorOf("ZGR"), BetaSweepFigureTests.HexOf(FigureJson.LineColor(zgr)));
        }
        var tauTicks = FigureJson.Numbers(figure.Axis("xaxis"), "tickvals");
        Assert.Equal([0.1, 0.15, 0.2, 0.3, 0.5, 0.7, 1.0], tauTicks);
    }

    [Fact]
    public void TheTradeoffPlotIsLogLogWithTauAlongEachCurveAndStarsForTemperatureFreeEstimators()
    {
        var figure = new FigureJson(TemperatureFigures.BiasVarianceTradeoff(ChartFrames.TemperatureGradients(), ChartFrames.Subtitle));
        Assert.Equal("log", figure.AxisType("xaxis"));
        Assert.Equal("log", figure.AxisType("yaxis"));
        Assert.Contains("ZGR paper", figure.Title, StringComparison.Ordinal);
        Assert.Contains("ST–ZGR family dominate the GR family", figure.Title, StringComparison.Ordinal);
        Assert.Equal(["ST", "GR-MC10", "ZGR", "lowest τ of a curve (0.1 where run)", "τ between (hover for each τ)",
            "highest τ of a curve (1 where run)"], figure.LegendEntries);

        var st = figure.Traces[0];
        Assert.Equal([3.0, 0.6, 0.3], FigureJson.Numbers(st, "x"), new ToleranceComparer(1e-12));
        Assert.Equal([0.02, 0.06, 0.11], FigureJson.Numbers(st, "y"), new ToleranceComparer(1e-12));
        // No τ written beside the points (labels of neighbouring curves ran into each other): the lowest τ of a curve is an open
        // circle, its highest a square, each τ in the hover box; the keys say so.
        Assert.False(st.TryGetProperty("text", out _));
        Assert.Equal([TemperatureFigures.LowestTauSymbol, "circle", TemperatureFigures.HighestTauSymbol], FigureJson.Strings(st.GetProperty("marker"), "symbol"));
        Assert.Contains("τ = 0.5", FigureJson.Strings(st, "customdata")[1], StringComparison.Ordinal);
        Assert.Equal(["100", "0", "1"], figure.Keys.Select(k => k.GetProperty("marker").GetProperty("symbol").ToString()));
        Assert.Contains("no standard error computed", figure.PlainTitle, StringComparison.Ordinal);

        // GR-MC10 at τ = 0.1 has cosine 1: 1 − cosine = 0 cannot sit on a log axis.
        var gumbelRao = figure.Traces[1];
        Assert.Equal([0.4, 0.2], FigureJson.Numbers(gumbelRao, "x"), new ToleranceComparer(1e-12));
        Assert.Contains(figure.AnnotationTexts, t => t.Contains("GR-MC10 at τ = 0.1", StringComparison.Ordinal));

        var zgr = figure.Traces[2];
        Assert.Equal("markers", FigureJson.String(zgr, "mode"));
        Assert.Equal("17", FigureJson.String(zgr.GetProperty("marker"), "symbol")); // plotly.js's code of "star"
        Assert.Equal([0.6], FigureJson.Numbers(zgr, "x"));
    }

    [Fact]
    public void EveryMissingPointIsListedWithItsTrueReason()
    {
        // ST at τ = 0.05: every estimate exactly zero (NaN statistics, 100 all-zero examples); ST at τ = 0.1: 37 all-zero
        // examples left out of a finite relative std; GR-MC10 at τ = 0.1: cosine 1, which a log axis cannot show.
        var frame = ChartFrames.TemperatureGradients();
        var extra = new DataFrame(
            new StringDataFrameColumn("estimator", ["ST"]), new StringDataFrameColumn("spec", ["st:tau=0.05"]),
            new DoubleDataFrameColumn("tau", [0.05]), new DoubleDataFrameColumn("cosine", [double.NaN]),
            new DoubleDataFrameColumn("relative_std", [double.NaN]), new DoubleDataFrameColumn("mse", [0.01]),
            new Int32DataFrameColumn("samples", [1000]));
        frame = frame.Append(extra.Rows, inPlace: false);
        frame.Columns.Add(new Int64DataFrameColumn(TemperatureFigures.AllZeroColumn,
            Enumerable.Range(0, (int)frame.Rows.Count).Select(i => (string)frame["spec"][i] switch
            {
                "st:tau=0.05" => 100L,
                "st:tau=0.1" => 37L,
                _ => 0L,
            })));

        var tradeoff = new FigureJson(TemperatureFigures.BiasVarianceTradeoff(frame, ChartFrames.Subtitle));
        var note = string.Join("\n", tradeoff.AnnotationTexts).Replace("<br>", " ");
        Assert.Contains("every estimate is exactly zero (the softmax saturates): cosine and relative std are undefined: ST at τ = 0.05", note, StringComparison.Ordinal);
        Assert.Contains("1 − cosine ≤ 0 (cosine rounds to 1), below a log axis: GR-MC10 at τ = 0.1", note, StringComparison.Ordinal);
        Assert.Contains("are left out: ST at τ = 0.1 (37 left out)", note, StringComparison.Ordinal);
        Assert.DoesNotContain("GR-MC10 at τ = 0.1", note.Split("1 − cosine ≤ 0")[0], StringComparison.Ordinal);

        var gradients = new FigureJson(TemperatureFigures.GradientVersusTemperature(frame, ChartFrames.Subtitle));
        var gradientNote = string.Join("\n", gradients.AnnotationTexts).Replace("<br>", " ");
        Assert.Contains("every estimate is exactly zero (the softmax saturates): cosine and relative std are undefined: ST at τ = 0.05", gradientNote, StringComparison.Ordinal);
        Assert.DoesNotContain("cosine rounds to 1", gradientNote, StringComparison.Ordinal); // a linear cosine axis shows 1
    }

    [Fact]
    public void TrainingAgainstTemperatureAveragesSeedsWithoutTheDivergedRuns()
    {
        var figure = new FigureJson(TemperatureFigures.TrainingVersusTemperature(ChartFrames.TemperatureRuns(), ChartFrames.Subtitle));
        Assert.Equal("log", figure.AxisType("xaxis"));
        Assert.Equal("linear", figure.AxisType("yaxis"));
        Assert.Equal(["ST", "ST-GS", "ZGR", "± 1 standard error over seeds"], figure.LegendEntries);
        Assert.StartsWith(TemperatureFigures.TrainingTitle + "<br>", figure.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("sd over seeds", figure.Title, StringComparison.Ordinal);
        // ST's best and worst τ: 101 ± 1 (two runs) against 106 ± 1.15: 5 nats, more than twice their combined s.e. (3.05).
        Assert.Contains("Mean of up to 3 seeds ± 1 standard error (bands).", figure.PlainTitle, StringComparison.Ordinal);
        Assert.Contains("τ's best and worst differ by more than 2 combined s.e. for ST (τ = 0.5 best by 5.0 nats)", figure.PlainTitle, StringComparison.Ordinal);

        var st = figure.DataTraces.Single(t => FigureJson.String(t, "name") == "ST");
        Assert.Equal([0.1, 0.5], FigureJson.Numbers(st, "x"));
        Assert.Equal([106.0, 101.0], FigureJson.Numbers(st, "y"));
        var hover = FigureJson.Strings(st, "customdata");
        Assert.Contains("3 runs, none diverged", hover[0], StringComparison.Ordinal);
        Assert.Contains("2 runs, 1 diverged and excluded (seed 2)", hover[1], StringComparison.Ordinal);

        // Standard error over seeds: τ = 0.1 → 2/√3, τ = 0.5 → √2/√2 = 1.
        var stBand = figure.Bands.Single(t => FigureJson.String(t, "legendgroup") == "ST");
        double se = 2 / Math.Sqrt(3);
        Assert.Equal([106 + se, 102.0, 100.0, 106 - se], FigureJson.Numbers(stBand, "y"), new ToleranceComparer(1e-9));

        var stgs = figure.DataTraces.Single(t => FigureJson.String(t, "name") == "ST-GS");
        Assert.Equal([0.5], FigureJson.Numbers(stgs, "x"));
        Assert.Contains(figure.AnnotationTexts, t => t.Contains("every run diverged", StringComparison.Ordinal)
            && t.Contains("ST-GS at τ = 0.1", StringComparison.Ordinal));

        var zgr = figure.DataTraces.Single(t => FigureJson.String(t, "name") == "ZGR");
        Assert.Equal([0.1, 0.5], FigureJson.Numbers(zgr, "x"));
        Assert.Equal([100.0, 100.0], FigureJson.Numbers(zgr, "y"));
        Assert.Equal("dash", FigureJson.String(zgr.GetProperty("line"), "dash"));
        Assert.DoesNotContain("NaN", figure.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", figure.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WithOneSeedTheTrainingPointsAreNotJoinedAndTheFigureSaysItCannotTellTausEffectFromNoise()
    {
        var frame = ChartFrames.TemperatureRuns();
        var seedZero = frame.Filter(new PrimitiveDataFrameColumn<bool>("keep", Enumerable.Range(0, (int)frame.Rows.Count).Select(i => (long)frame["seed"][i] == 0)));
        var figure = new FigureJson(TemperatureFigures.TrainingVersusTemperature(seedZero, ChartFrames.Subtitle));
        var st = figure.DataTraces.Single(t => FigureJson.String(t, "name") == "ST");
        Assert.Equal("markers", FigureJson.String(st, "mode"));
        Assert.Empty(figure.Bands);
        Assert.Empty(figure.Keys);
        Assert.Contains("One seed: too few to tell τ's effect from noise, so the points are not joined (--preset paper runs 3 seeds per τ).",
            figure.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryRunDivergedIsAnError()
    {
        var frame = ChartFrames.TemperatureRuns();
        var diverged = new Microsoft.Data.Analysis.BooleanDataFrameColumn("diverged", Enumerable.Repeat(true, (int)frame.Rows.Count));
        frame.Columns["diverged"] = diverged;
        Assert.Throws<ArgumentException>(() => TemperatureFigures.TrainingVersusTemperature(frame, ""));
    }

    [Fact]
    public void MissingColumnsAreNamed()
    {
        var frame = ChartFrames.TemperatureGradients();
        frame.Columns.Remove("relative_std");
        var error = Assert.Throws<ArgumentException>(() => TemperatureFigures.BiasVarianceTradeoff(frame, ""));
        Assert.Contains("relative_std", error.Message, StringComparison.Ordinal);
    }
}

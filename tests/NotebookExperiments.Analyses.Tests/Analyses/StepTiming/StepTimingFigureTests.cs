using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Charts;
using NotebookExperiments.Tests.Charts;

namespace NotebookExperiments.Tests.Analyses;

/// <summary>The ZGR paper's Fig. 5 on this machine: milliseconds and ratios to ST as bars, with the caveat in the subtitle.</summary>
public class StepTimingFigureTests
{
    private static StepTimingResult Result() => new(
        new DataFrame(
            new StringDataFrameColumn("estimator", ["ST", "GR-MC100", "RF(4)"]),
            new StringDataFrameColumn("spec", ["st:tau=1", "gr-mc:k=100,tau=1", "reinforce-loo:m=4"]),
            new Int32DataFrameColumn("nfe", [1, 1, 4]),
            new DoubleDataFrameColumn("median_ms", [7.0, 12.0, 13.5]),
            new DoubleDataFrameColumn("q1_ms", [6.8, 11.0, 13.0]),
            new DoubleDataFrameColumn("q3_ms", [7.4, 12.5, 14.5]),
            new DoubleDataFrameColumn("vs_st", [1.0, 1.7, 1.9]),
            new DoubleDataFrameColumn("vs_st_q1", [1.0, 1.6, 1.85]),
            new DoubleDataFrameColumn("vs_st_q3", [1.0, 1.75, 2.0]),
            new DoubleDataFrameColumn("samples_per_s", [14285.7, 8333.3, 7407.4]),
            new Int32DataFrameColumn("rounds", [7, 7, 7]),
            new Int32DataFrameColumn("passes_per_block", [14, 8, 7])),
        "cpu", "CPU Test (2 cores)", 2, StepTimingParameters.Quick);

    [Fact]
    public void EachEstimatorIsABarOfItsColourInBothPanelsWithQuartileWhiskers()
    {
        var figure = new FigureJson(StepTimingFigure.Create(Result()));
        Assert.StartsWith(StepTimingFigure.Title, figure.Title, StringComparison.Ordinal);
        Assert.Contains("Tesla P100", figure.Title, StringComparison.Ordinal);
        Assert.Contains("CPU Test (2 cores), 2 threads", figure.Title, StringComparison.Ordinal);

        // Horizontal bars, the estimators down the y axis in the table's order; each label is a text trace beyond its whisker.
        var bars = figure.Traces.Where(t => FigureJson.String(t, "type") == "bar").ToList();
        var labels = figure.Traces.Where(t => FigureJson.String(t, "mode") == "text").ToList();
        var times = figure.InPanel(bars, 1);
        var ratios = figure.InPanel(bars, 2);
        Assert.Equal(["ST", "GR-MC100", "RF(4)"], times.Select(t => FigureJson.String(t, "name")));
        Assert.Equal(3, ratios.Count);
        Assert.Equal(6, labels.Count);
        var gr = times[1];
        Assert.Equal("h", FigureJson.String(gr, "orientation"));
        Assert.Equal(["GR-MC100"], FigureJson.Strings(gr, "y"));
        Assert.Equal([12.0], FigureJson.Numbers(gr, "x"));
        Assert.Equal([0.5], FigureJson.Numbers(gr.GetProperty("error_x"), "array"), new ToleranceComparer(1e-12));
        Assert.Equal([1.0], FigureJson.Numbers(gr.GetProperty("error_x"), "arrayminus"), new ToleranceComparer(1e-12));
        Assert.Equal(EstimatorPalette.ColorOf("GR-MC100"), BetaSweepFigureTests.HexOf(FigureJson.String(gr.GetProperty("marker"), "color")!));
        Assert.Equal("reversed", FigureJson.String(figure.Axis("yaxis"), "autorange"));
        // Three significant digits, at the whisker's far end.
        var grLabel = figure.InPanel(labels, 1)[1];
        Assert.Equal([12.5], FigureJson.Numbers(grLabel, "x"));
        Assert.Equal(["\u200212.0"], FigureJson.Strings(grLabel, "text"));
        Assert.Equal("middle right", FigureJson.String(grLabel, "textposition"));
        Assert.Equal(["\u20021.70×"], FigureJson.Strings(figure.InPanel(labels, 2)[1], "text"));
        Assert.Equal(["6.41", "16.7", "0.963", "1.00"], new[] { 6.406, 16.66, 0.9625, 1.0 }.Select(StepTimingFigure.Label));
        Assert.Contains("Whiskers: quartiles over 7 rounds", figure.PlainTitle, StringComparison.Ordinal);
        Assert.Contains(figure.AnnotationTexts, t => t.Contains("RF(4): 4", StringComparison.Ordinal));
    }

    [Fact]
    public void ATableWithoutItsColumnsIsRefused()
    {
        var result = Result();
        result.Table.Columns.Remove("vs_st");
        Assert.Contains("vs_st", Assert.Throws<ArgumentException>(() => StepTimingFigure.Create(result)).Message, StringComparison.Ordinal);
    }
}

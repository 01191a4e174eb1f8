using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Charts;
using NotebookExperiments.Tests.Charts;

namespace NotebookExperiments.Tests.Analyses;

/// <summary>The learning curves behind the −ELBO table: a panel per configuration, a line per estimator with its s.e. band, diverged runs named.</summary>
public class ElboTableFigureTests
{
    /// <summary>Two configurations; 8x4: ST (2 seeds, 3 epochs) and ReinMax-CV (2 seeds, seed 1 diverged at epoch 2); 4x24: ST only.</summary>
    private static DataFrame Curves()
    {
        var rows = new List<(string Config, string Estimator, long Seed, int Epoch, double Loss)>
        {
            ("8x4", "ST", 0, 1, 150), ("8x4", "ST", 0, 2, 130), ("8x4", "ST", 0, 3, 120),
            ("8x4", "ST", 1, 1, 152), ("8x4", "ST", 1, 2, 132), ("8x4", "ST", 1, 3, 122),
            ("8x4", "ReinMax-CV", 0, 1, 148), ("8x4", "ReinMax-CV", 0, 2, 128), ("8x4", "ReinMax-CV", 0, 3, 118),
            ("8x4", "ReinMax-CV", 1, 1, 149), ("8x4", "ReinMax-CV", 1, 2, double.NaN),
            ("4x24", "ST", 0, 1, 140), ("4x24", "ST", 0, 2, 125), ("4x24", "ST", 0, 3, 115),
        };
        return new DataFrame(
            new StringDataFrameColumn("config", rows.Select(r => r.Config)),
            new StringDataFrameColumn("estimator", rows.Select(r => r.Estimator)),
            new Int64DataFrameColumn("seed", rows.Select(r => r.Seed)),
            new Int32DataFrameColumn("epoch", rows.Select(r => r.Epoch)),
            new DoubleDataFrameColumn("train_elbo", rows.Select(r => r.Loss)));
    }

    [Fact]
    public void OnePanelPerConfigurationAndOneLinePerEstimatorWithItsColour()
    {
        var figure = new FigureJson(ElboTableFigure.LearningCurves(Curves(), ChartFrames.Subtitle));
        Assert.Equal(["8×4 VAE", "4×24 VAE"], figure.AnnotationTexts.Where(t => t.EndsWith("VAE", StringComparison.Ordinal)));
        var first = figure.InPanel(figure.DataTraces, 1);
        Assert.Equal(["ST", "ReinMax-CV"], first.Select(t => FigureJson.String(t, "name")));
        Assert.Equal(EstimatorPalette.ColorOf("ReinMax-CV"), BetaSweepFigureTests.HexOf(FigureJson.LineColor(first[1])));
        Assert.Equal(["ST", "ReinMax-CV", "± 1 standard error over 2 seeds"], figure.LegendEntries);
        // Epochs are whole numbers: no tick at 1.5 or 2.5.
        Assert.Equal([1.0, 2.0, 3.0], FigureJson.Numbers(figure.Axis("xaxis"), "tickvals"));
        Assert.Equal([1.0, 2.0, 3.0], FigureJson.Numbers(figure.Axis("xaxis2"), "tickvals"));
        Assert.Contains("Mean of up to 2 seeds ± 1 standard error (bands)", figure.PlainTitle, StringComparison.Ordinal);
        Assert.Equal([1.0, 2.0, 3.0], FigureJson.Numbers(first[0], "x"));
        Assert.Equal([151.0, 131.0, 121.0], FigureJson.Numbers(first[0], "y"));
        Assert.Equal("train −ELBO (nats)", figure.Axis("yaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("epoch", figure.Axis("xaxis2").GetProperty("title").GetProperty("text").GetString());
        Assert.StartsWith(ElboTableFigure.Title, figure.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void ADivergedRunLeavesTheMeanFromItsEpochOnAndIsNamed()
    {
        var figure = new FigureJson(ElboTableFigure.LearningCurves(Curves(), ChartFrames.Subtitle));
        var cv = figure.InPanel(figure.DataTraces, 1)[1];
        Assert.Equal([148.5, 128.0, 118.0], FigureJson.Numbers(cv, "y"));
        Assert.DoesNotContain("NaN", figure.Text, StringComparison.Ordinal);
        Assert.Contains(figure.AnnotationTexts, t => t.Contains("8×4 VAE ReinMax-CV seed 1 at epoch 2", StringComparison.Ordinal));
        Assert.Contains(figure.AnnotationTexts, t => t.Contains("ReinMax-CV: our conditional control variate", StringComparison.Ordinal));
        // Bands where two seeds are averaged (8×4 ST everywhere, ReinMax-CV at epoch 1 only); none for one seed (4×24).
        Assert.NotEmpty(figure.InPanel(figure.Bands, 1));
        Assert.Empty(figure.InPanel(figure.Bands, 2));
        Assert.Equal(ChartExport.ToJson(ElboTableFigure.LearningCurves(Curves(), ChartFrames.Subtitle)), figure.Text);
    }

    [Fact]
    public void LongRunsCutTheYAxisSoThatTheFinalDifferencesShow()
    {
        var rows = Enumerable.Range(1, 40).Select(e => (Epoch: e, Loss: 100 + 100.0 / e)).ToList();
        var curves = new DataFrame(
            new StringDataFrameColumn("config", rows.Select(_ => "8x4")),
            new StringDataFrameColumn("estimator", rows.Select(_ => "ReinMax")),
            new Int64DataFrameColumn("seed", rows.Select(_ => 0L)),
            new Int32DataFrameColumn("epoch", rows.Select(r => r.Epoch)),
            new DoubleDataFrameColumn("train_elbo", rows.Select(r => r.Loss)));
        var figure = new FigureJson(ElboTableFigure.LearningCurves(curves, ChartFrames.Subtitle));
        var range = figure.Axis("yaxis").GetProperty("range").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.True(range[0] < 102.5 && range[0] > 101, $"{range[0]}");          // just below the lowest mean, 102.5
        Assert.True(range[1] > 125 && range[1] < 128, $"{range[1]}");            // just above epoch 4's 125
        Assert.Contains(figure.AnnotationTexts, t => t.Contains("cut at the highest mean of epoch 4", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => ElboTableFigure.LearningCurves(new DataFrame(new StringDataFrameColumn("config", ["8x4"])), "x"));
    }
}

using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Charts;
using NotebookExperiments.Tests.Charts;

namespace NotebookExperiments.Tests.Analyses;

/// <summary>The batch-size view: relative MSE and the ratio to ST-GS against B, one line per estimator and τ.</summary>
public class BatchSizeFigureTests
{
    /// <summary>ST-GS and GR-MC10 at τ = 0.1 and 1, B = 1, 10, 100.</summary>
    private static DataFrame Frame()
    {
        var rows = (from tau in new[] { 0.1, 1.0 } from e in new[] { "ST-GS", "GR-MC10" } from b in new[] { 1, 10, 100 } select (tau, e, b)).ToArray();
        double Mse((double Tau, string E, int B) r) => (r.E == "ST-GS" ? 2.0 : 1.0) / r.B / r.Tau + 0.5;
        double StGs((double Tau, string E, int B) r) => Mse((r.Tau, "ST-GS", r.B));
        return new DataFrame(
            new StringDataFrameColumn("estimator", rows.Select(r => r.e)),
            new StringDataFrameColumn("spec", rows.Select(r => r.e == "ST-GS" ? $"st-gs:tau={r.tau}" : $"gr-mc:k=10,tau={r.tau}")),
            new DoubleDataFrameColumn("tau", rows.Select(r => r.tau)),
            new Int32DataFrameColumn("batch_size", rows.Select(r => r.b)),
            new Int32DataFrameColumn("batches", rows.Select(r => 100 / r.b)),
            new Int32DataFrameColumn("samples", rows.Select(_ => 256)),
            new DoubleDataFrameColumn("mse", rows.Select(r => Mse(r))),
            new DoubleDataFrameColumn("mse_se", rows.Select(r => 0.01)),
            new DoubleDataFrameColumn("squared_bias", rows.Select(_ => 0.5)),
            new DoubleDataFrameColumn("variance", rows.Select(r => Mse(r) - 0.5)),
            new DoubleDataFrameColumn("exact_squared_norm", rows.Select(_ => 2.0)),
            new DoubleDataFrameColumn("relative_mse", rows.Select(r => Mse(r) / 2)),
            new DoubleDataFrameColumn("vs_st_gs", rows.Select(r => Mse(r) / StGs(r))));
    }

    [Fact]
    public void OneLinePerEstimatorAndTemperatureOnLogAxesWithTheRatioToStGs()
    {
        var figure = new FigureJson(BatchSizeFigure.Create(Frame(), "subtitle"));
        Assert.StartsWith(BatchSizeFigure.Title, figure.Title, StringComparison.Ordinal);
        Assert.Equal("log", figure.AxisType("xaxis"));
        Assert.Equal("log", figure.AxisType("yaxis"));
        Assert.Equal("log", figure.AxisType("xaxis2"));
        Assert.Equal(["ST-GS, τ = 0.1", "GR-MC10, τ = 0.1", "ST-GS, τ = 1", "GR-MC10, τ = 1", "ST-GS itself (ratio 1)"],
            figure.LegendEntries.Take(5));
        Assert.StartsWith("± 1 standard error over ", FigureJson.String(Assert.Single(figure.Keys), "name"), StringComparison.Ordinal);

        var lines = figure.InPanel(figure.DataTraces, 1);
        Assert.Equal(4, lines.Count);
        var stGs = lines[0];
        Assert.Equal([1.0, 10.0, 100.0], FigureJson.Numbers(stGs, "x"));
        Assert.Equal([10.25, 1.25, 0.35], FigureJson.Numbers(stGs, "y"), new ToleranceComparer(1e-12));
        Assert.False(stGs.GetProperty("line").TryGetProperty("dash", out _) && FigureJson.String(stGs.GetProperty("line"), "dash") != "solid");
        Assert.Equal("dash", FigureJson.String(lines[2].GetProperty("line"), "dash"));
        Assert.Equal(4, figure.Bands.Count);

        // The ratio panel: GR-MC10 at each τ, and ST-GS as the dotted line at 1.
        var ratios = figure.InPanel(figure.DataTraces, 2);
        Assert.Equal(["GR-MC10, τ = 0.1", "GR-MC10, τ = 1", "ST-GS itself (ratio 1)"], ratios.Select(t => FigureJson.String(t, "name")));
        Assert.Equal([(1 / 0.1 + 0.5) / (2 / 0.1 + 0.5), 1.5 / 2.5, (0.01 / 0.1 + 0.5) / (0.02 / 0.1 + 0.5)],
            FigureJson.Numbers(ratios[0], "y"), new ToleranceComparer(1e-12));
        Assert.Equal([1.0, 1.0], FigureJson.Numbers(ratios[2], "y"));
    }

    [Fact]
    public void WithoutStGsThereIsNoRatioPanel()
    {
        var frame = Frame();
        var kept = frame.Filter(new PrimitiveDataFrameColumn<bool>("keep", Enumerable.Range(0, (int)frame.Rows.Count).Select(i => (string)frame["estimator"][i] != "ST-GS")));
        var only = new DataFrame(kept.Columns.Select(c => c.Name == "vs_st_gs"
            ? (DataFrameColumn)new DoubleDataFrameColumn("vs_st_gs", Enumerable.Repeat(double.NaN, (int)kept.Rows.Count)) : c));
        var figure = new FigureJson(BatchSizeFigure.Create(only, ""));
        Assert.Empty(figure.InPanel(figure.Traces, 2));
        Assert.Equal(2, figure.InPanel(figure.DataTraces, 1).Count);
        Assert.Throws<ArgumentException>(() => BatchSizeFigure.Create(new DataFrame(new StringDataFrameColumn("estimator", 0)), ""));
    }
}

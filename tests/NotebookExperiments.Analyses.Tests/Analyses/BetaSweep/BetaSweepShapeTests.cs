using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Models;
using NotebookExperiments.Tests.Charts;
using NotebookExperiments.Tests.Data;
using NotebookExperiments.Training;
using static TorchSharp.torch;

namespace NotebookExperiments.Tests.Analyses;

/// <summary>
/// The shape of Beyond ReinMax's Fig. 2 for 8×4 read from a summary: the collapse level below β = ½, the largest drop and the
/// minimum. The README's main job checks it on the real MNIST (<c>ReadmeCommandTests</c>).
/// </summary>
public sealed class BetaSweepShapeTests
{
    private static DataFrame Summary(params (double Beta, double Loss)[] points) => new(
        new StringDataFrameColumn("config", points.Select(_ => "8x4")),
        new DoubleDataFrameColumn("beta", points.Select(p => p.Beta)),
        new Int32DataFrameColumn("runs", points.Select(_ => 1)),
        new DoubleDataFrameColumn("mean_train_elbo", points.Select(p => p.Loss)),
        new DoubleDataFrameColumn("sd_train_elbo", points.Select(_ => double.NaN)),
        new Int32DataFrameColumn("diverged_runs", points.Select(_ => 0)));

    [Fact]
    public void TheShapeIsReadFromTheSummary()
    {
        var shape = BetaSweepShape.Of(Summary((0.0, 214.6), (0.4, 212.0), (0.5, 160.0), (-0.2, 214.4), (0.6, 150.0), (1.0, 155.0), (0.45, double.NaN)), "8x4");
        Assert.Equal((214.6 + 212.0 + 214.4) / 3, shape.CollapseLevel, 12);
        Assert.Equal((212.0, 214.6), (shape.LowestBelowHalf, shape.HighestBelowHalf));
        Assert.Equal((0.4, 0.5, 52.0), (shape.DropFrom, shape.DropTo, Math.Round(shape.Drop, 10)));
        Assert.Equal((0.6, 150.0), (shape.MinimumBeta, shape.Minimum));
        Assert.Contains("largest drop is from β = 0.4 to 0.5 (52.0 nats)", shape.Describe(214.3), StringComparison.Ordinal);
        // β = 0 and −0.2 end within a nat of the collapse level, β = 0.4 is on its way there; the minimum is 10 nats below β = ½.
        Assert.Equal([-0.2, 0.0], shape.CollapsedBetas(214.3));
        Assert.Equal(160.0, shape.AtHalf);
        Assert.Contains("2 of the 3 β < ½ end within 1.0 nat of it (the others, on their way there, at 212.0 for β = 0.4)", shape.Describe(214.3), StringComparison.Ordinal);
        Assert.EndsWith("the minimum is 150.0 nats at β = 0.6, 10.0 nats below β = ½.", shape.Describe(214.3), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => BetaSweepShape.Of(Summary((0.5, 1.0)), "8x4"));
    }
}

using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Models;
using NotebookExperiments.Tests.Data;
using NotebookExperiments.Training;
using static TorchSharp.torch;

namespace NotebookExperiments.Tests.Analyses;

/// <summary>
/// The shape of Beyond ReinMax's Fig. 2 for 8×4: the posterior collapses below β = ½ (train −ELBO at the level of an encoder
/// that sends every image to one code), the loss drops sharply at β = ½ and its minimum lies just above — read from the
/// summary, on the real MNIST with the quick preset's budget.
/// </summary>
[Collection(MnistCollection.Name)]
public sealed class BetaSweepShapeTests(MnistFixture mnist) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("beta-shape").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

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
        Assert.Throws<ArgumentException>(() => BetaSweepShape.Of(Summary((0.5, 1.0)), "8x4"));
    }

    [Fact]
    public void WithTheQuickBudgetTheRunsBelowAHalfCollapseAndTheLossDropsAtAHalf()
    {
        // The quick preset's 8×4 budget (18 epochs on the first 10,000 images, Adam 5e-4, seed 0) at four of its β.
        var parameters = BetaSweepParameters.Quick with { Betas = [0.3, 0.45, 0.5, 0.6] };
        Assert.Equal(["8x4"], parameters.Configurations.Select(c => c.Configuration));
        using var data = new TrainingData(mnist.Train.Images.alias(), mnist.Test.Images.alias());
        var summary = BetaSweep.Summarise(BetaSweep.Run(parameters, new AnalysisEnvironment(_dir, data, CPU)));
        var shape = BetaSweepShape.Of(summary, "8x4");
        double collapsed = BetaSweep.CollapsedLoss(parameters, data, "8x4");
        string context = shape.Describe(collapsed);

        // β = 0.3 has collapsed: its encoder sends every image to one code, so its loss is the fixed-code level, up to the
        // decoder's distance from the mean image and the running average over the last epoch.
        double atPoint3 = (double)summary["mean_train_elbo"][0];
        Assert.True(atPoint3 >= collapsed - 0.05 && atPoint3 <= collapsed + 1.5, context);
        // The sharp drop is at ½, and both β ≥ ½ are far below the collapse level; the minimum is not below ½.
        Assert.Equal((0.45, 0.5), (shape.DropFrom, shape.DropTo));
        Assert.True(shape.Drop > 30, context);
        Assert.True((double)summary["mean_train_elbo"][3] < collapsed - 30, context);
        Assert.True(shape.MinimumBeta >= 0.5, context);
    }
}

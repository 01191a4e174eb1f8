using NotebookExperiments.Estimators;
using NotebookExperiments.Gradients;
using NotebookExperiments.Tests.Support;
using static TorchSharp.torch;

namespace NotebookExperiments.Tests.Gradients;

/// <summary>Batched sampling and the statistics reported by <c>estimator-stats</c>.</summary>
public class GradientSamplerTests
{
    [Fact]
    public void SummaryMatchesTheMomentsOfTheDrawnEstimatesAcrossChunks()
    {
        var problem = Problem.Create(SyntheticObjectiveKind.Mlp, categories: 3, latents: 2, batch: 3);
        var estimator = new GumbelRao(0.5, 4);
        var all = problem.Draw(estimator, 500, seed: 8);
        using var generator = new Generator(8);
        var summary = GradientSampler.Sample(estimator, problem.Logits, problem.F, 500, generator, problem.Exact);
        GradientAssert.Close(all.mean([0]), summary.Mean, 1e-12, "mean");
        GradientAssert.Close(all.std([0]), summary.Std, 1e-10, "std");
        Assert.Equal((all - problem.Exact).square().sum().item<double>() / 500, summary.MeanSquaredError!.Value, 10);

        // Small chunks give the same moments of their own draws (Chan's pairwise update).
        using var chunked = new Generator(9);
        var small = GradientSampler.Sample(new StraightThrough(), problem.Logits, problem.F, 97, chunked, elementBudget: 200);
        using var again = new Generator(9);
        var draws = new List<Tensor>();
        int chunk = GradientSampler.ChunkSize(new StraightThrough(), problem.Logits, 97, 200);
        Assert.True(chunk < 97);
        for (int done = 0; done < 97; done += chunk)
            draws.Add(GradientSampler.Draw(new StraightThrough(), problem.Logits, problem.F, Math.Min(chunk, 97 - done), again));
        var stacked = cat(draws, 0);
        GradientAssert.Close(stacked.mean([0]), small.Mean, 1e-12, "chunked mean");
        GradientAssert.Close(stacked.std([0]), small.Std, 1e-10, "chunked std");
    }

    [Fact]
    public void AStopEndsTheSamplingAfterThePassUnderWay()
    {
        // Several passes (a small element budget); the stop comes while the first pass evaluates the objective.
        var problem = Problem.Create(SyntheticObjectiveKind.Quadratic, categories: 3, latents: 2);
        int chunk = GradientSampler.ChunkSize(new StraightThrough(), problem.Logits, 97, 200);
        Assert.True(chunk < 97);
        using var stop = new CancellationTokenSource();
        int evaluations = 0;
        LatentObjective objective = latents =>
        {
            evaluations++;
            stop.Cancel();
            return problem.F(latents);
        };
        using var generator = new Generator(3);
        Assert.ThrowsAny<OperationCanceledException>(() =>
            GradientSampler.Sample(new StraightThrough(), problem.Logits, objective, 97, generator, elementBudget: 200, cancellation: stop.Token));
        Assert.Equal(1, evaluations);
    }

    [Fact]
    public void ExactEstimatesHaveNoSpreadAndCosineOne()
    {
        var problem = Problem.Create(SyntheticObjectiveKind.Quadratic, categories: 3, latents: 3);
        using var generator = new Generator(2);
        var stats = GradientStatistics.Measure(new ExactEnumeration(), problem.Logits, problem.F, 20, generator, elementBudget: 1000);
        Assert.Equal(1.0, stats.Cosine, 12);
        Assert.True(stats.RelativeStd < 1e-10, $"relative std {stats.RelativeStd}");
        Assert.True(stats.Mse < 1e-20, $"mse {stats.Mse}");
    }

    [Fact]
    public void StatisticsFollowTheirDefinitions()
    {
        // Two examples, one variable with two classes; estimates chosen by hand.
        var exact = tensor(new[] { 1.0, -1.0, 2.0, -2.0 }).reshape(2, 1, 2);
        var estimates = new GradientEstimates(
            mean: tensor(new[] { 1.0, -1.0, 0.0, 0.0 }).reshape(2, 1, 2),
            std: tensor(new[] { 3.0, 4.0, 1.0, 1.0 }).reshape(2, 1, 2),
            count: 10, meanSquaredError: 7.5);
        var stats = GradientStatistics.Compare("hand", estimates, exact);
        Assert.Equal(Math.Sqrt(2) / Math.Sqrt(10), stats.Cosine, 12);
        // Example 0: ‖std‖/‖mean‖ = 5/√2; example 1: a zero mean with a spread gives ∞ — the average is infinite.
        Assert.True(double.IsPositiveInfinity(stats.RelativeStd));
        Assert.Equal(0, stats.AllZeroExamples);
        Assert.Equal(Math.Sqrt(10), stats.ExactNorm, 12);
        Assert.Equal(7.5, stats.Mse);
    }

    [Fact]
    public void ExamplesWhoseEstimatesAreAllZeroAreLeftOutOfTheRelativeStdAndCounted()
    {
        // Three examples; the second's estimates are all exactly zero (a saturated softmax): 0/0 is left out, not averaged as NaN.
        var exact = tensor(new[] { 1.0, -1.0, 2.0, -2.0, 1.0, -1.0 }).reshape(3, 1, 2);
        var estimates = new GradientEstimates(
            mean: tensor(new[] { 1.0, -1.0, 0.0, 0.0, 2.0, -2.0 }).reshape(3, 1, 2),
            std: tensor(new[] { 3.0, 4.0, 0.0, 0.0, 1.0, 1.0 }).reshape(3, 1, 2),
            count: 10, meanSquaredError: 1);
        var stats = GradientStatistics.Compare("hand", estimates, exact);
        Assert.Equal(1, stats.AllZeroExamples);
        Assert.Equal((5 / Math.Sqrt(2) + Math.Sqrt(2) / Math.Sqrt(8)) / 2, stats.RelativeStd, 12);
        Assert.True(double.IsFinite(stats.Cosine));

        // Every example zero: both measures are undefined (NaN), and the count says why.
        var zero = new GradientEstimates(zeros(3, 1, 2, dtype: ScalarType.Float64), zeros(3, 1, 2, dtype: ScalarType.Float64), 10, 1);
        var none = GradientStatistics.Compare("saturated", zero, exact);
        Assert.Equal(3, none.AllZeroExamples);
        Assert.True(double.IsNaN(none.RelativeStd));
        Assert.True(double.IsNaN(none.Cosine));
    }
}

using System.Text.Json;
using NotebookExperiments.Estimators;
using NotebookExperiments.Gradients;
using static TorchSharp.torch;

namespace NotebookExperiments.Tests.Cli;

/// <summary><c>estimator-stats</c> with a researcher's backward-rule lambda registered in the catalogue.</summary>
[Collection(ConsoleCollection.Name)]
public class EstimatorStatsCommandTests
{
    /// <summary>DARN (Gregor et al. 2014), written as a notebook user would.</summary>
    private static readonly BackwardRuleEstimator Darn = new("test-darn-cli",
        (pi, d, g, tau) => ((d * g).sum(-1, keepdim: true) - (pi * g).sum(-1, keepdim: true)) * (d - pi));

    [Fact]
    public async Task ABackwardRuleLambdaRunsThroughTheEstimatorStatsCommand()
    {
        EstimatorCatalog.Default.Register(Darn, "DARN");
        var (exit, output) = await ConsoleCollection.RunCliAsync(
            "estimator-stats", "--estimator", "test-darn-cli", "--objective", "linear", "-C", "4", "-L", "3",
            "--samples", "4000", "--seed", "3", "--json", "--threads", "2");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("test-darn-cli", root.GetProperty("estimator").GetString());
        Assert.Equal(4000, root.GetProperty("samples").GetInt32());
        foreach (var key in new[] { "cosine", "relative_std", "mse", "exact_norm" })
            Assert.True(double.IsFinite(root.GetProperty(key).GetDouble()), key);

        // The same numbers from the library.
        var objective = SyntheticObjective.Create(SyntheticObjectiveKind.Linear, 4, 3, 3);
        using var logitGenerator = new Generator(4);
        var logits = objective.RandomLogits(1, logitGenerator);
        using var generator = new Generator(5);
        var stats = GradientStatistics.Measure(EstimatorCatalog.Default.Create("test-darn-cli"), logits, objective.Evaluate, 4000, generator);
        Assert.Equal(stats.Cosine, root.GetProperty("cosine").GetDouble(), 12);
        Assert.Equal(stats.Mse, root.GetProperty("mse").GetDouble(), 12);

    }
}

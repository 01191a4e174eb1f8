using System.Text.Json;
using NotebookExperiments.Cli;
using NotebookExperiments.Estimators;
using NotebookExperiments.Gradients;
using NotebookExperiments.Tests.Support;
using NotebookExperiments.Tests.Cli;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NotebookExperiments.Tests.Estimators;

/// <summary>
/// A researcher's estimator, defined in a few lines as a backward-rule lambda or a surrogate, works everywhere a built-in
/// does: in spec strings, in the gradient statistics, and through the <c>estimator-stats</c> command.
/// </summary>
[Collection(ConsoleCollection.Name)]
public class CustomEstimatorTests
{
    /// <summary>DARN (Gregor et al. 2014), written as a notebook user would: unbiased for linear f.</summary>
    private static readonly BackwardRuleEstimator Darn = new("test-darn",
        (pi, d, g, tau) => ((d * g).sum(-1, keepdim: true) - (pi * g).sum(-1, keepdim: true)) * (d - pi));

    [Fact]
    public async Task BackwardRuleLambdaRunsThroughTheEstimatorStatsCommand()
    {
        EstimatorCatalog.Default.Register(Darn, "DARN");
        var (exit, output) = await ConsoleCollection.RunCliAsync(
            "estimator-stats", "--estimator", "test-darn", "--objective", "linear", "-C", "4", "-L", "3",
            "--samples", "4000", "--seed", "3", "--json", "--threads", "2");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("test-darn", root.GetProperty("estimator").GetString());
        Assert.Equal(4000, root.GetProperty("samples").GetInt32());
        foreach (var key in new[] { "cosine", "relative_std", "mse", "exact_norm" })
            Assert.True(double.IsFinite(root.GetProperty(key).GetDouble()), key);

        // The same numbers from the library, and the lambda's estimate is unbiased for a linear objective.
        var objective = SyntheticObjective.Create(SyntheticObjectiveKind.Linear, 4, 3, 3);
        using var logitGenerator = new Generator(4);
        var logits = objective.RandomLogits(1, logitGenerator);
        using var generator = new Generator(5);
        var stats = GradientStatistics.Measure(EstimatorCatalog.Default.Create("test-darn"), logits, objective.Evaluate, 4000, generator);
        Assert.Equal(stats.Cosine, root.GetProperty("cosine").GetDouble(), 12);
        Assert.Equal(stats.Mse, root.GetProperty("mse").GetDouble(), 12);

        var estimates = Problem.Create(SyntheticObjectiveKind.Linear).Sample(Darn, 20_000);
        GradientAssert.WithinStandardErrors(estimates, Problem.Create(SyntheticObjectiveKind.Linear).Exact, "DARN lambda");
    }

    [Fact]
    public void SurrogateEstimatorTakesItsTemperatureFromTheSpec()
    {
        var catalog = EstimatorCatalog.CreateBuiltIn();
        catalog.Register(new SurrogateEstimator("my-st", c => functional.softmax(c.Logits / c.Tau, -1)));
        var problem = Problem.Create(SyntheticObjectiveKind.Quadratic);
        GradientAssert.Close(problem.Draw(catalog.Create("st:tau=0.4"), 32), problem.Draw(catalog.Create("my-st:tau=0.4"), 32), 1e-12,
            "surrogate ST vs built-in ST");
    }

    [Fact]
    public void ARuleWithTheWrongShapeIsReported()
    {
        var broken = new BackwardRuleEstimator("broken", (pi, d, g, tau) => g.sum([-1]));
        var problem = Problem.Create(SyntheticObjectiveKind.Linear);
        var e = Assert.Throws<InvalidOperationException>(() => problem.Draw(broken, 4));
        Assert.StartsWith("A backward rule returned a gradient of shape [4, 2, 2] for logits of shape [4, 2, 2, 4].", e.Message);

        // A rule that throws leaves NaN gradients behind and its exception for the caller of backward.
        var throwing = new BackwardRuleEstimator("throwing", (pi, d, g, tau) => throw new DivideByZeroException("inside the rule"));
        var logits = problem.Logits.clone().requires_grad_(true);
        using var generator = new Generator(1);
        throwing.Surrogate(logits, problem.F, generator).sum().backward();
        Assert.True(logits.grad!.isnan().all().item<bool>());
        Assert.Throws<DivideByZeroException>(BackwardRuleErrors.ThrowIfAny);
        BackwardRuleErrors.ThrowIfAny(); // forgotten once rethrown
    }

    [Fact]
    public void ARuleThatFailsInABackwardPassOnAnotherThreadIsRethrownWhereTheGraphWasBuilt()
    {
        // With CUDA, LibTorch runs backward passes on its device threads: the error must travel with the node, not stay
        // on the thread that happened to run the rule.
        var throwing = new BackwardRuleEstimator("throwing-elsewhere", (pi, d, g, tau) => throw new ArithmeticException("on another thread"));
        var problem = Problem.Create(SyntheticObjectiveKind.Linear);
        var logits = problem.Logits.clone().requires_grad_(true);
        using var generator = new Generator(2);
        var loss = throwing.Surrogate(logits, problem.F, generator).sum();

        Exception? onBackwardThread = null;
        var backward = new Thread(() =>
        {
            loss.backward();
            try { BackwardRuleErrors.ThrowIfAny(); }
            catch (Exception e) { onBackwardThread = e; }
        });
        backward.Start();
        backward.Join();

        Assert.Null(onBackwardThread); // the thread that ran the rule holds nothing

        Assert.True(logits.grad!.isnan().all().item<bool>());
        var e = Assert.Throws<ArithmeticException>(BackwardRuleErrors.ThrowIfAny);
        Assert.Equal("on another thread", e.Message);
        BackwardRuleErrors.ThrowIfAny(); // forgotten once rethrown
    }
}

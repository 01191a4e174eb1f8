using NotebookExperiments.Estimators;
using NotebookExperiments.Gradients;
using NotebookExperiments.Tests.Support;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NotebookExperiments.Tests.Estimators;

/// <summary>
/// A researcher's estimator, defined in a few lines as a backward-rule lambda or a surrogate, works everywhere a built-in
/// does: in spec strings and in the gradient statistics (the command line's <c>estimator-stats</c> is tested with the
/// command line).
/// </summary>
public class CustomEstimatorTests
{
    /// <summary>DARN (Gregor et al. 2014), written as a notebook user would: unbiased for linear f.</summary>
    private static readonly BackwardRuleEstimator Darn = new("test-darn",
        (pi, d, g, tau) => ((d * g).sum(-1, keepdim: true) - (pi * g).sum(-1, keepdim: true)) * (d - pi));

    [Fact]
    public void ABackwardRuleLambdaIsUnbiasedWhereItsRuleIs()
    {
        EstimatorCatalog.Default.Register(Darn, "DARN");
        var estimates = Problem.Create(SyntheticObjectiveKind.Linear).Sample(EstimatorCatalog.Default.Create("test-darn"), 20_000);
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

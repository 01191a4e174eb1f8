using NotebookExperiments.Estimators;
using NotebookExperiments.Gradients;
using NotebookExperiments.Tests.Support;
using static TorchSharp.torch;

namespace NotebookExperiments.Tests.Estimators;

/// <summary>
/// The expectation of ReinMax-CV's variants against ReinMax at τ = 1 (docs/estimators.md, B.12 and B.16), on paired draws: with
/// the same seed every variant draws the same D as ReinMax (the same Gumbel-max forward), and ReinMax(τ = 1) draws nothing
/// else, so the difference of two estimates is η times the control variate of that draw. With the conditional control
/// variate its mean is zero for every f (here an MLP, on which both are biased); with the authors' forward noise or their
/// code's literal form it is not.
/// </summary>
public class ReinMaxCvExpectationTests
{
    private const int Samples = 6_000;

    /// <summary>η c = ReinMax-CV − ReinMax(τ = 1), per draw <c>[n, batch, L, C]</c>, drawn with the same seed.</summary>
    private static Tensor ControlVariateTerm(Problem problem, ReinMaxCv cv, ulong seed = 3) =>
        problem.Draw(cv, Samples, seed) - problem.Draw(new ReinMax(1.0), Samples, seed);

    [Theory]
    [InlineData(SyntheticObjectiveKind.Mlp, 0.7, 0.1, 30)]
    [InlineData(SyntheticObjectiveKind.Mlp, 1.5, 0.5, 5)]
    [InlineData(SyntheticObjectiveKind.Quadratic, -0.4, 1.3, 2)]
    public void TheConditionalVariantHasTheMeanOfReinMaxAtTemperatureOne(SyntheticObjectiveKind kind, double eta, double tau2, int k)
    {
        var problem = Problem.Create(kind, categories: 4, latents: 2);
        var term = ControlVariateTerm(problem, new ReinMaxCv(eta, tau2, k));
        Assert.True(term.abs().max().item<double>() > 1e-3, "the control variate is zero: nothing is tested");
        GradientAssert.WithinStandardErrors(Problem.Summarise(term), zeros_like(problem.Logits),
            $"ReinMax-CV (η={eta}, τ₂={tau2}, K={k}) − ReinMax(τ=1) on {kind}");
    }

    [Theory]
    [InlineData(ReinMaxCvControlVariate.Forward, 0.1)]
    [InlineData(ReinMaxCvControlVariate.Forward, 0.5)]
    [InlineData(ReinMaxCvControlVariate.Code, 0.1)]
    [InlineData(ReinMaxCvControlVariate.Code, 1.0)]
    public void TheAuthorsVariantsDoNotHaveTheMeanOfReinMax(ReinMaxCvControlVariate variant, double tau2)
    {
        var problem = Problem.Create(SyntheticObjectiveKind.Quadratic, categories: 4, latents: 2);
        var cv = new ReinMaxCv(0.7, tau2, 10, variant);
        GradientAssert.BiasDetected(Problem.Summarise(ControlVariateTerm(problem, cv)), zeros_like(problem.Logits), $"{cv.Spec} − ReinMax(τ=1)");
    }
}

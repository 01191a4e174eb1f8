using NotebookExperiments.Estimators;
using NotebookExperiments.Gradients;
using NotebookExperiments.Tests.Support;
using static TorchSharp.torch;

namespace NotebookExperiments.Tests.Estimators;

/// <summary>
/// GR-MCK is the Rao-Blackwellisation of ST-GS (docs/estimators.md, B.8): the same expectation for every K, a covariance trace
/// no larger than ST-GS's, non-increasing in K, and K = 1 distributed as ST-GS.
/// </summary>
public class GumbelRaoTests
{
    private const int Samples = 8_000;
    private const double Tau = 0.5;

    private static readonly Problem Quadratic = Problem.Create(SyntheticObjectiveKind.Quadratic, categories: 5, latents: 2, batch: 2);

    /// <summary>The trace of the covariance of the estimates, tr Σ = E‖ĝ − E ĝ‖², with its standard error.</summary>
    private static (double Trace, double StandardError) CovarianceTrace(IGradientEstimator estimator, ulong seed)
    {
        using var scope = NewDisposeScope();
        var draws = Quadratic.Draw(estimator, Samples, seed).flatten(1);
        var deviations = (draws - draws.mean([0], keepdim: true)).square().sum([1]) * (Samples / (Samples - 1.0));
        return (deviations.mean().item<double>(), deviations.std().item<double>() / Math.Sqrt(Samples));
    }

    private static double Z => TestStatistics.BonferroniZ(8);

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public void HasTheExpectationOfStraightThroughGumbelSoftmax(int k)
    {
        var gr = Quadratic.Sample(new GumbelRao(Tau, k), Samples, seed: 11);
        var stgs = Quadratic.Sample(new StraightThroughGumbelSoftmax(Tau), Samples, seed: 12);
        var z = ((gr.Mean - stgs.Mean).abs() / (gr.StandardError.square() + stgs.StandardError.square()).sqrt()).max().item<double>();
        Assert.True(z <= TestStatistics.BonferroniZ(gr.Mean.numel() * 2), $"GR-MC{k} and ST-GS means differ by {z:G4} standard errors.");
    }

    [Fact]
    public void VarianceIsBelowStraightThroughGumbelSoftmaxAndNonIncreasingInK()
    {
        var stgs = CovarianceTrace(new StraightThroughGumbelSoftmax(Tau), 21);
        var k1 = CovarianceTrace(new GumbelRao(Tau, 1), 22);
        var k10 = CovarianceTrace(new GumbelRao(Tau, 10), 23);
        var k100 = CovarianceTrace(new GumbelRao(Tau, 100), 24);

        static double Se(params (double, double)[] xs) => Math.Sqrt(xs.Sum(x => x.Item2 * x.Item2));

        // K = 1 has ST-GS's distribution: equal traces within noise.
        Assert.True(Math.Abs(k1.Trace - stgs.Trace) <= Z * Se(k1, stgs), $"tr Σ: GR-MC1 {k1.Trace:G4} vs ST-GS {stgs.Trace:G4}");
        // Non-increasing in K (no significant increase) ...
        Assert.True(k10.Trace <= k1.Trace + Z * Se(k10, k1), $"tr Σ: GR-MC10 {k10.Trace:G4} above GR-MC1 {k1.Trace:G4}");
        Assert.True(k100.Trace <= k10.Trace + Z * Se(k100, k10), $"tr Σ: GR-MC100 {k100.Trace:G4} above GR-MC10 {k10.Trace:G4}");
        // ... and a real reduction against ST-GS at K = 100.
        Assert.True(k100.Trace < stgs.Trace - Z * Se(k100, stgs), $"tr Σ: GR-MC100 {k100.Trace:G4} not significantly below ST-GS {stgs.Trace:G4}");
    }

    [Fact]
    public void SingleSampleHasTheElementwiseVarianceOfStraightThroughGumbelSoftmax()
    {
        var gr = Quadratic.Sample(new GumbelRao(Tau, 1), Samples, seed: 31);
        var stgs = Quadratic.Sample(new StraightThroughGumbelSoftmax(Tau), Samples, seed: 32);
        // The sample variance has SE ≈ σ² √(2/(N−1)) for near-normal data; allow kurtosis with a factor 3.
        var se = (gr.Std.square() + stgs.Std.square()) * Math.Sqrt(2.0 / (Samples - 1)) * 3;
        var z = ((gr.Std.square() - stgs.Std.square()).abs() / (se + 1e-300)).max().item<double>();
        Assert.True(z <= TestStatistics.BonferroniZ(gr.Mean.numel()), $"GR-MC1 and ST-GS element variances differ by {z:G4} (scaled) SE.");
    }
}

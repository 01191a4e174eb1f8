using NotebookExperiments.Estimators;
using NotebookExperiments.Gradients;
using NotebookExperiments.Tests.Support;
using static TorchSharp.torch;

namespace NotebookExperiments.Tests.Estimators;

/// <summary>
/// ReinMax-CV's conditional control variate cannot reduce variance (docs/estimators.md, B.15): ReinMax's estimate g_RM is a
/// function of D alone and the control variate c has conditional mean zero given D, so Cov(g_RM, c) = 0 and
/// <c>Var(g_RM + η c) = Var(g_RM) + η² E[Var(c | D)]</c>. Checked on paired draws (the same seed gives ReinMax(τ = 1) and
/// ReinMax-CV the same D, and their difference is η c) of the synthetic study's objective (<see cref="SyntheticObjective"/>,
/// quadratic, C = 8, L = 4): the cross-covariance is zero element-wise within its standard errors, and the relative std of
/// <see cref="GradientStatistics"/> is significantly higher than ReinMax's, from η = 0.3 to the paper's setting (η = 0.7, τ₂ = 0.1).
/// </summary>
public class ReinMaxCvVarianceTests
{
    private const int Chunks = 4, ChunkSize = 1_000;

    private static readonly Problem Study = Problem.Create(SyntheticObjectiveKind.Quadratic, categories: 8, latents: 4, batch: 2);

    /// <summary>
    /// <see cref="Chunks"/> × <see cref="ChunkSize"/> estimates of each estimator, chunk j of both drawn with seed 40 + j, so draw n
    /// of the two shares its D. <c>[N, batch, L, C]</c> each.
    /// </summary>
    private static (Tensor ReinMax, Tensor Cv) PairedDraws(IGradientEstimator cv)
    {
        var reinMax = new List<Tensor>();
        var other = new List<Tensor>();
        for (int j = 0; j < Chunks; j++)
        {
            reinMax.Add(Study.Draw(new ReinMax(1.0), ChunkSize, (ulong)(40 + j)));
            other.Add(Study.Draw(cv, ChunkSize, (ulong)(40 + j)));
        }
        return (cat(reinMax), cat(other));
    }

    /// <summary>
    /// Each estimate's influence on the relative std of <see cref="GradientStatistics"/> (the delta method), <c>[N]</c>: per example,
    /// R = √T / M with T the trace of the sample covariance and M the norm of the mean ū, and an estimate u moves R by
    /// <c>(‖u − ū‖² − T) / (2 √T M) − √T ⟨ū, u − ū⟩ / M³</c> (over N); averaged over the examples as R is. The standard error of a
    /// difference of two relative stds of paired draws is the standard deviation of the difference of influences over √N.
    /// </summary>
    private static Tensor RelativeStdInfluence(Tensor draws)
    {
        var u = draws.to(ScalarType.Float64).flatten(2);                 // [N, batch, L·C]
        var mean = u.mean([0]);
        var deviations = u - mean;
        var squares = deviations.square().sum([-1]);                      // [N, batch]
        var trace = squares.sum([0]) / (u.shape[0] - 1);
        var norm = mean.square().sum([-1]).sqrt();
        var influence = (squares - trace) / (2 * trace.sqrt() * norm) - trace.sqrt() * (deviations * mean).sum([-1]) / norm.pow(3);
        return influence.mean([1]);
    }

    /// <summary>The relative stds of ReinMax(τ = 1) and of <paramref name="cv"/> on the same draws, and the standard error of their difference.</summary>
    private static (double ReinMax, double Cv, double StandardError) RelativeStds(IGradientEstimator cv)
    {
        var (reinMax, other) = PairedDraws(cv);
        var exact = Study.Exact;
        double baseline = GradientStatistics.Compare("reinmax:tau=1", Problem.Summarise(reinMax, exact), exact).RelativeStd;
        double measured = GradientStatistics.Compare(cv.Spec, Problem.Summarise(other, exact), exact).RelativeStd;
        double se = (RelativeStdInfluence(other) - RelativeStdInfluence(reinMax)).std().item<double>() / Math.Sqrt(other.shape[0]);
        return (baseline, measured, se);
    }

    [Fact]
    public void TheConditionalControlVariateIsUncorrelatedWithReinMax()
    {
        const double eta = 0.7;
        var (reinMax, cv) = PairedDraws(new ReinMaxCv(eta, 0.1, 100));
        var c = (cv - reinMax) / eta;
        var products = (reinMax - reinMax.mean([0])) * (c - c.mean([0]));     // per element, E = Cov(g_RM, c)
        Assert.True(products.abs().max().item<double>() > 1e-3, "the product has no spread: nothing is tested");
        GradientAssert.WithinStandardErrors(Problem.Summarise(products), zeros_like(Study.Logits), "Cov(ReinMax, control variate)");
    }

    [Theory]
    [InlineData(0.7, 0.1, 100)]   // the paper's Fig. 1 setting
    [InlineData(0.3, 1.0, 20)]
    [InlineData(1.5, 0.5, 5)]
    [InlineData(-0.4, 0.1, 10)]
    public void TheConditionalVariantHasAHigherRelativeStdThanReinMax(double eta, double tau2, int k)
    {
        // In population the relative std can only grow (the means are equal, B.12, and the variance grows by η² E[Var(c | D)]);
        // on these paired draws the growth is significant even at η = 0.3.
        var (reinMax, cv, se) = RelativeStds(new ReinMaxCv(eta, tau2, k));
        double z = TestStatistics.BonferroniZ(4);
        Assert.True(cv - reinMax > z * se,
            $"relative std: ReinMax-CV (η={eta}, τ₂={tau2}, K={k}) {cv:G4}, ReinMax(τ=1) {reinMax:G4}, difference {cv - reinMax:G4} ± {se:G3} (need > {z:G3} SE)");
    }
}

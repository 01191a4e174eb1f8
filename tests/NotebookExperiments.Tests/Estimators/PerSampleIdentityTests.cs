using NotebookExperiments.Estimators;
using NotebookExperiments.Gradients;
using NotebookExperiments.Tests.Support;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NotebookExperiments.Tests.Estimators;

/// <summary>
/// Identities that hold per sample (docs/estimators.md, B.5, B.6, B.10, B.12): with the same seed every hard-sample estimator
/// draws the same D, so two estimators that agree for every D give identical estimates.
/// </summary>
public class PerSampleIdentityTests
{
    private const int Samples = 64;
    private const double Tolerance = 1e-12;

    public static TheoryData<SyntheticObjectiveKind> Objectives => new() { SyntheticObjectiveKind.Quadratic, SyntheticObjectiveKind.Mlp };

    private static readonly BackwardRuleEstimator Darn = new("darn",
        (pi, d, g, _) => ((d * g).sum(-1, keepdim: true) - (pi * g).sum(-1, keepdim: true)) * (d - pi));

    private static void AssertSame(Problem problem, IGradientEstimator expected, IGradientEstimator actual) =>
        GradientAssert.Close(problem.Draw(expected, Samples), problem.Draw(actual, Samples), Tolerance, $"{actual.Spec} vs {expected.Spec}");

    [Theory, MemberData(nameof(Objectives))]
    public void ReinMaxAtTemperatureOneEqualsZgr(SyntheticObjectiveKind kind) =>
        AssertSame(Problem.Create(kind, categories: 5, latents: 3), new Zgr(), new ReinMax(1.0));

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(1.7)]
    public void Rk2AtHalfEqualsReinMax(double tau) =>
        AssertSame(Problem.Create(SyntheticObjectiveKind.Mlp, categories: 6), new ReinMax(tau), new ReinMaxRk2(0.5, tau));

    [Fact]
    public void Rk2TrapezoidAtHalfEqualsReinMaxAtTemperatureOne() =>
        AssertSame(Problem.Create(SyntheticObjectiveKind.Mlp), new ReinMax(1.0), new ReinMaxRk2Trapezoid(0.5));

    [Fact]
    public void Rk2TrapezoidAtOneIsStraightThroughAndAtZeroIsDarn()
    {
        var problem = Problem.Create(SyntheticObjectiveKind.Mlp);
        AssertSame(problem, new StraightThrough(1.0), new ReinMaxRk2Trapezoid(1.0));
        AssertSame(problem, Darn, new ReinMaxRk2Trapezoid(0.0));
    }

    [Fact]
    public void ZgrIsTheAverageOfStraightThroughAndDarn()
    {
        var problem = Problem.Create(SyntheticObjectiveKind.Quadratic, categories: 3, latents: 4);
        var expected = 0.5 * (problem.Draw(new StraightThrough(1.0), Samples) + problem.Draw(Darn, Samples));
        GradientAssert.Close(expected, problem.Draw(new Zgr(), Samples), Tolerance, "ZGR vs (ST + DARN)/2");
    }

    [Fact]
    public void ReinMaxCvWithoutControlVariateIsReinMaxAtTemperatureOne() =>
        AssertSame(Problem.Create(SyntheticObjectiveKind.Mlp), new ReinMax(1.0), new ReinMaxCv(eta: 0.0, tau2: 0.3, k: 7));

    [Theory, MemberData(nameof(Objectives))]
    public void ZgrMatchesThePaperSurrogate(SyntheticObjectiveKind kind)
    {
        // Shekhovtsov (2023), the surrogate as printed: dx = (p + (D − sg p) · log p_i) / 2.
        var paper = new SurrogateEstimator("zgr-paper", c =>
        {
            var logp = functional.log_softmax(c.Logits, -1);
            var p = logp.exp();
            return 0.5 * (p + (c.Sample - p.detach()) * (logp * c.Sample).sum(-1, keepdim: true));
        });
        AssertSame(Problem.Create(kind), paper, new Zgr());
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(1.3)]
    public void ReinMaxMatchesTheAlgorithmSurrogate(double tau)
    {
        // Liu et al. (2023), Algorithm 2 as an autograd surrogate: 2·softmax at value π₁ minus ½·softmax(θ).
        var algorithm = new SurrogateEstimator("reinmax-algorithm", c =>
        {
            var pi1 = 0.5 * (functional.softmax(c.Logits / c.Tau, -1).detach() + c.Sample);
            var atPi1 = functional.softmax(c.Logits + (pi1.log() - c.Logits).detach(), -1);
            return 2.0 * atPi1 - 0.5 * c.Probabilities;
        }, tau);
        AssertSame(Problem.Create(SyntheticObjectiveKind.Mlp), algorithm, new ReinMax(tau));
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(2.0)]
    public void StraightThroughMatchesTheTemperedSoftmaxSurrogate(double tau)
    {
        var surrogate = new SurrogateEstimator("st-surrogate", c => functional.softmax(c.Logits / c.Tau, -1), tau);
        AssertSame(Problem.Create(SyntheticObjectiveKind.Quadratic), surrogate, new StraightThrough(tau));
    }

    [Theory]
    [InlineData(0.5, 0.5)]
    [InlineData(0.5, 1.0)]
    [InlineData(1.0, 0.5)]
    [InlineData(1.0, 1.0)]
    [InlineData(2.0, 0.5)]
    [InlineData(2.0, 1.0)]
    public void GappedStraightThroughMatchesTheMoverSurrogate(double gap, double tau)
    {
        // gst_mover (Fan et al. 2022): move the sampled class to the max, push the others ≥ γ below it, centre, softmax(m/τ).
        var mover = new SurrogateEstimator("gst-mover", c =>
        {
            var theta = c.Logits.detach();
            var max = theta.amax([-1], keepdim: true);
            var move = (max - theta) * c.Sample - functional.relu(theta - max + gap) * (1 - c.Sample);
            var m = c.Logits + move;
            m = m - m.mean([-1], keepdim: true);
            return functional.softmax(m / c.Tau, -1);
        }, tau);
        var problem = Problem.Create(SyntheticObjectiveKind.Mlp, categories: 5, scale: 1.5);
        AssertSame(problem, mover, new GappedStraightThrough(gap, tau));
        // The gap matters on this problem: another gap gives other estimates.
        var difference = (problem.Draw(new GappedStraightThrough(gap, tau), Samples) - problem.Draw(new GappedStraightThrough(gap * 1.5, tau), Samples))
            .abs().max().item<double>();
        Assert.True(difference > 1e-3, $"GST at γ = {gap} and γ = {gap * 1.5} differ by only {difference:G3}");
    }
}

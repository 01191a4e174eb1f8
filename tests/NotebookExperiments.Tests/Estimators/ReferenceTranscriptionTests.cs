using NotebookExperiments.Estimators;
using NotebookExperiments.Gradients;
using NotebookExperiments.Tests.Support;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NotebookExperiments.Tests.Estimators;

/// <summary>
/// Estimators against literal transcriptions of their documented forms (docs/estimators.md, A.5, A.6, A.9–A.11), sample by sample
/// with the same generator seed. The transcriptions write every Jacobian product out as <c>p ⊙ (g − ⟨p, g⟩)</c>, the Gumbel-max
/// forward as <c>G = −log(−log U)</c> and the conditional Gumbel noise from its closed form (<see cref="ConditionalPerturbed"/>), all
/// from the uniforms the estimators read (<see cref="Categorical.Uniform"/>) and with none of the estimators' helpers; so an
/// estimate differs only if a formula does. Where a plausible misreading exists (other logits, a missing 1/τ), the test also
/// shows that it gives other estimates, so that the tolerance can tell them apart.
/// </summary>
public class ReferenceTranscriptionTests
{
    private const int Samples = 48;
    private const double Tolerance = 1e-10;

    /// <summary><c>J(p) g = p ⊙ (g − ⟨p, g⟩)</c> over the last dimension, written out.</summary>
    private static Tensor J(Tensor p, Tensor g) => p * (g - (p * g).sum(-1, keepdim: true));

    /// <summary><c>θ_D = log(½(π + D))</c>, the logits of ReinMax's midpoint.</summary>
    private static Tensor ThetaD(BackwardContext c) => (0.5 * (functional.softmax(c.Logits, -1) + c.Sample)).log();

    /// <summary>The estimates of one fixed draw (seed 5), the same D for every hard-sample estimator.</summary>
    private static Tensor Draw(Problem problem, IGradientEstimator estimator) => problem.Draw(estimator, Samples, seed: 5);

    /// <summary>Asserts that the estimator and its reference form give the same estimates on the same draws.</summary>
    private static void AssertSame(Problem problem, IGradientEstimator reference, IGradientEstimator actual)
    {
        var expected = Draw(problem, reference);
        Assert.True(expected.abs().max().item<double>() > 1e-3, "the reference gives no signal to compare");
        GradientAssert.Close(expected, Draw(problem, actual), Tolerance, $"{actual.Spec} vs its reference form");
    }

    /// <summary>Asserts that a misreading's estimates differ from the estimator's by more than the tolerance, by a clear margin.</summary>
    private static void AssertOther(Problem problem, IGradientEstimator misreading, Tensor estimates)
    {
        var difference = (Draw(problem, misreading) - estimates).abs().max().item<double>();
        Assert.True(difference > 1e-3, $"{misreading.Spec} differs from the estimator by only {difference:G3}");
    }

    /// <summary>
    /// K conditional draws of the perturbed logits θ' + G given argmax(θ' + G) = D, from docs/estimators.md, A.6: with
    /// <c>E = −log U</c> for the generator's next uniforms <c>[..., K, C]</c> and <c>Z = Σ_j exp θ'_j</c>, the selected class i gets
    /// <c>−log E_i + log Z</c> and every other class <c>−log(E_j exp(−θ'_j) + E_i / Z)</c>. <c>[K, ..., C]</c>.
    /// </summary>
    private static Tensor ConditionalPerturbed(Tensor logits, Tensor sample, int k, Generator generator)
    {
        using var _ = no_grad();
        long[] shape = [.. logits.shape[..^1], k, logits.shape[^1]];
        var e = -Categorical.Uniform(shape, logits.dtype, logits.device, generator).log();
        var theta = logits.unsqueeze(-2);
        var d = sample.unsqueeze(-2);
        var z = theta.exp().sum(-1, keepdim: true);
        var ei = (e * d).sum(-1, keepdim: true);
        var selected = -ei.log() + z.log();
        var others = -(e * (-theta).exp() + ei / z).log();
        return (d * selected + (1 - d) * others).movedim([-2], [0]);
    }

    /// <summary>K conditional relaxed samples <c>softmax((θ' + G_k)/τ)</c> at logits θ', <c>[K, ..., C]</c>.</summary>
    private static Tensor Relaxed(Tensor logits, Tensor sample, int k, double tau, Generator generator) =>
        functional.softmax(ConditionalPerturbed(logits, sample, k, generator) / tau, -1);

    /// <summary>
    /// A transcription whose forward is the Gumbel-max draw written out, <c>G = −log(−log U)</c> and <c>D = onehot(argmax(θ + G))</c>
    /// (what every hard-sample estimator draws first); the backward gets G itself in the context's <c>Perturbed</c> slot.
    /// </summary>
    private sealed class GumbelMaxReference(string name, double tau, Func<BackwardContext, Tensor, Tensor> backward) : HardSampleEstimator(tau)
    {
        public override string Spec => name;

        protected override (Tensor Sample, Tensor? Perturbed) SampleForward(Tensor logits, Generator generator)
        {
            using var _ = no_grad();
            var noise = -(-Categorical.Uniform(logits.shape, logits.dtype, logits.device, generator).log()).log();
            var sample = functional.one_hot((logits.detach() + noise).argmax(-1), logits.shape[^1]).to(logits.dtype);
            return (sample, noise);
        }

        public override Tensor Backward(BackwardContext c) => backward(c, c.Perturbed!);
    }

    /// <summary>The logits a transcription may be written at: θ (the documented one), θ/τ, or θ_D = log(½(π + D)).</summary>
    private enum Logits { Theta, ThetaOverTau, ThetaD }

    private static Tensor LogitsOf(Logits which, BackwardContext c, double tau) => which switch
    {
        Logits.Theta => c.Logits,
        Logits.ThetaOverTau => c.Logits / tau,
        _ => ThetaD(c),
    };

    /// <summary>
    /// ST-GS, A.5: a Gumbel-max forward and <c>(1/τ) J(softmax((θ + G)/τ)) g</c> with the same G; <paramref name="logits"/> and
    /// <paramref name="factor"/> (1/τ when null) give the misreadings.
    /// </summary>
    private static GumbelMaxReference StGsReference(double tau, Logits logits = Logits.Theta, double? factor = null) =>
        new($"st-gs-reference:{logits},{factor}", tau, (c, noise) =>
            (factor ?? 1.0 / tau) * J(functional.softmax((LogitsOf(logits, c, tau) + noise) / tau, -1), c.Grad));

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.3)]
    [InlineData(2.0)]
    public void StraightThroughGumbelSoftmaxIsThePaperFormAtTheLogits(double tau)
    {
        var problem = Problem.Create(SyntheticObjectiveKind.Mlp, categories: 5, latents: 3);
        AssertSame(problem, StGsReference(tau), new StraightThroughGumbelSoftmax(tau));
        var estimates = Draw(problem, new StraightThroughGumbelSoftmax(tau));
        AssertOther(problem, StGsReference(tau, Logits.ThetaD), estimates);
        if (tau == 1.0) return;                          // θ/τ = θ and 1/τ = 1: the other misreadings coincide with the form
        AssertOther(problem, StGsReference(tau, Logits.ThetaOverTau), estimates);
        AssertOther(problem, StGsReference(tau, factor: 1.0), estimates);
    }

    /// <summary>
    /// GR-MCK, A.6: <c>(1/K) Σ_k (1/τ) J(softmax((θ + G_k)/τ)) g</c>, G_k | argmax(θ + G) = D; <paramref name="logits"/> (for the
    /// conditioning and the softmax alike) and <paramref name="factor"/> (1/τ when null) give the misreadings.
    /// </summary>
    private static BackwardRuleEstimator GumbelRaoReference(int k, double tau, Logits logits = Logits.Theta, double? factor = null) =>
        new("gr-mc-reference", c =>
        {
            var p = Relaxed(LogitsOf(logits, c, tau), c.Sample, k, tau, c.Generator);
            return (factor ?? 1.0 / tau) * J(p, c.Grad.unsqueeze(0)).mean([0]);
        }, tau);

    [Theory]
    [InlineData(1.0, 5)]
    [InlineData(0.3, 7)]
    [InlineData(2.0, 3)]
    public void GumbelRaoIsThePaperFormAtTheLogits(double tau, int k)
    {
        var problem = Problem.Create(SyntheticObjectiveKind.Mlp, categories: 5, latents: 3);
        AssertSame(problem, GumbelRaoReference(k, tau), new GumbelRao(tau, k));
        var estimates = Draw(problem, new GumbelRao(tau, k));
        AssertOther(problem, GumbelRaoReference(k, tau, Logits.ThetaD), estimates);
        if (tau == 1.0) return;
        AssertOther(problem, GumbelRaoReference(k, tau, Logits.ThetaOverTau), estimates);
        AssertOther(problem, GumbelRaoReference(k, tau, factor: 1.0), estimates);
    }

    /// <summary>ReinMax-Rao, A.10: <c>2 · (1/K) Σ_k (1/τ) J(softmax((θ_D + G_k)/τ)) g − ½ J(π) g</c>, G_k | argmax(θ_D + G) = D.</summary>
    private static BackwardRuleEstimator RaoReference(int k, double tau) => new("reinmax-rao-reference", c =>
    {
        var p = Relaxed(ThetaD(c), c.Sample, k, tau, c.Generator);
        var rao = (J(p, c.Grad.unsqueeze(0)) / tau).mean([0]);
        return 2.0 * rao - 0.5 * J(functional.softmax(c.Logits, -1), c.Grad);
    }, tau);

    [Theory]
    [InlineData(1.0, 5)]
    [InlineData(0.5, 7)]
    [InlineData(1.7, 3)]
    public void ReinMaxRaoIsTheAuthorsForm(double tau, int k) =>
        AssertSame(Problem.Create(SyntheticObjectiveKind.Mlp, categories: 5, latents: 3), RaoReference(k, tau), new ReinMaxRao(tau, k));

    /// <summary>
    /// ReinMax-CV, A.11 with the conditional control variate: ReinMax at τ = 1 plus
    /// <c>η [ (1/K) Σ_k (1/τ₂) J(p_k) g − (1/τ₂) J(p_cv) g ]</c>, all relaxed samples at θ_D and τ₂, the K + 1 conditional draws
    /// taken together (the last one is the control variate's).
    /// </summary>
    private static BackwardRuleEstimator CvReference(double eta, double tau2, int k) => new("reinmax-cv-reference", c =>
    {
        var pi = functional.softmax(c.Logits, -1);
        var half = 0.5 * (pi + c.Sample);
        var reinMax = 2.0 * J(half, c.Grad) - 0.5 * J(pi, c.Grad);
        var p = Relaxed(ThetaD(c), c.Sample, k + 1, tau2, c.Generator);
        var jacobians = J(p, c.Grad.unsqueeze(0)) / tau2;
        var gumbelRao = jacobians.narrow(0, 0, k).mean([0]);
        var single = jacobians[k];
        return reinMax + eta * (gumbelRao - single);
    }, tau2);

    [Theory]
    [InlineData(0.7, 0.1, 4)]
    [InlineData(1.5, 0.5, 6)]
    [InlineData(-0.4, 1.3, 2)]
    public void ReinMaxCvIsReinMaxPlusTheScaledConditionalControlVariate(double eta, double tau2, int k) =>
        AssertSame(Problem.Create(SyntheticObjectiveKind.Mlp, categories: 4, latents: 3), CvReference(eta, tau2, k), new ReinMaxCv(eta, tau2, k));

    /// <summary>
    /// ReinMax-CV with the authors' single-draw term, A.11 and D.3: ReinMax at τ = 1 plus
    /// <c>η [ (1/K) Σ_k (1/τ₂) J(softmax((θ_D + G_k)/τ₂)) g − (1/τ₂) J(p_cv) g ]</c>, the G_k conditional given argmax(θ_D + G) = D and
    /// G the forward noise: <c>p_cv = softmax((θ_D + G)/τ₂)</c> (<c>cv=forward</c>), or, as the authors' code computes it with the
    /// relaxed forward sample saved under the noise's name, <c>p_cv = softmax(θ_D + softmax((θ + G)/τ₂))</c> (<c>cv=code</c>).
    /// </summary>
    private static GumbelMaxReference AuthorsCvReference(double eta, double tau2, int k, ReinMaxCvControlVariate variant) =>
        new("reinmax-cv-authors-reference", tau2, (c, noise) =>
        {
            var pi = functional.softmax(c.Logits, -1);
            var half = 0.5 * (pi + c.Sample);
            var thetaD = half.log();
            var reinMax = 2.0 * J(half, c.Grad) - 0.5 * J(pi, c.Grad);
            var gumbelRao = (J(Relaxed(thetaD, c.Sample, k, tau2, c.Generator), c.Grad.unsqueeze(0)) / tau2).mean([0]);
            var single = variant == ReinMaxCvControlVariate.Forward
                ? functional.softmax((thetaD + noise) / tau2, -1)
                : functional.softmax(thetaD + functional.softmax((c.Logits + noise) / tau2, -1), -1);
            return reinMax + eta * (gumbelRao - J(single, c.Grad) / tau2);
        });

    [Theory]
    [InlineData(ReinMaxCvControlVariate.Forward, 0.7, 0.1, 4)]
    [InlineData(ReinMaxCvControlVariate.Forward, 1.5, 0.5, 6)]
    [InlineData(ReinMaxCvControlVariate.Forward, -0.4, 1.3, 2)]
    [InlineData(ReinMaxCvControlVariate.Code, 0.7, 0.1, 4)]
    [InlineData(ReinMaxCvControlVariate.Code, 1.5, 0.5, 6)]
    [InlineData(ReinMaxCvControlVariate.Code, -0.4, 1.3, 2)]
    public void ReinMaxCvWithTheAuthorsControlVariateIsTheirForm(ReinMaxCvControlVariate variant, double eta, double tau2, int k)
    {
        var problem = Problem.Create(SyntheticObjectiveKind.Mlp, categories: 4, latents: 3);
        var estimator = new ReinMaxCv(eta, tau2, k, variant);
        AssertSame(problem, AuthorsCvReference(eta, tau2, k, variant), estimator);
        // The variants differ from each other and from the conditional one on the same draws of D.
        var other = variant == ReinMaxCvControlVariate.Forward ? ReinMaxCvControlVariate.Code : ReinMaxCvControlVariate.Forward;
        var estimates = Draw(problem, estimator);
        AssertOther(problem, new ReinMaxCv(eta, tau2, k, other), estimates);
        AssertOther(problem, new ReinMaxCv(eta, tau2, k), estimates);
    }

    /// <summary>
    /// ReinMax-RK2(β), A.9, the authors' final backward (<c>ReinMax_Auto</c>): <c>pt = softmax(θ/τ)</c>, <c>ph = ½(pt + D)</c>,
    /// <c>pb = β pt + (1 − β) D</c>, <c>r1 = 2 g ⊙ ph − ph ⟨2g, pb⟩</c>, <c>r0 = −(1 − β) J(π) g</c>, <c>∂θ = center(r0 + r1)</c>.
    /// </summary>
    private static BackwardRuleEstimator Rk2Reference(double beta, double tau) => new("reinmax-rk2-reference", c =>
    {
        var pt = functional.softmax(c.Logits / tau, -1);
        var ph = 0.5 * (pt + c.Sample);
        var pb = beta * pt + (1 - beta) * c.Sample;
        var r1 = 2.0 * c.Grad * ph - ph * (2.0 * c.Grad * pb).sum(-1, keepdim: true);
        var r0 = -(1 - beta) * J(functional.softmax(c.Logits, -1), c.Grad);
        var sum = r0 + r1;
        return sum - sum.mean([-1], keepdim: true);
    }, tau);

    [Theory]
    [InlineData(0.2, 1.0)]
    [InlineData(0.9, 1.0)]
    [InlineData(0.2, 1.3)]
    [InlineData(0.9, 1.3)]
    public void ReinMaxRk2IsTheAuthorsFinalBackward(double beta, double tau) =>
        AssertSame(Problem.Create(SyntheticObjectiveKind.Mlp, categories: 6), Rk2Reference(beta, tau), new ReinMaxRk2(beta, tau));

    [Fact]
    public void TheEarlierForkFormOfRk2IsAnotherEstimator()
    {
        // ReinMax_ASC@91ad847: r1 = 2 g ⊙ pb − ph ⟨2g, pb⟩, which differs by (2β − 1) g ⊙ (pt − D) before centring; only β = ½ agrees.
        var fork = new BackwardRuleEstimator("reinmax-rk2-fork", c =>
        {
            const double beta = 0.2;
            var pt = functional.softmax(c.Logits, -1);
            var ph = 0.5 * (pt + c.Sample);
            var pb = beta * pt + (1 - beta) * c.Sample;
            var r1 = 2.0 * c.Grad * pb - ph * (2.0 * c.Grad * pb).sum(-1, keepdim: true);
            var sum = -(1 - beta) * J(pt, c.Grad) + r1;
            return sum - sum.mean([-1], keepdim: true);
        });
        var problem = Problem.Create(SyntheticObjectiveKind.Mlp, categories: 6);
        AssertOther(problem, fork, Draw(problem, new ReinMaxRk2(0.2, 1.0)));
    }

    [Fact]
    public void ReinMaxRaoTendsToTwiceTheZgrJacobianAtThetaDAsTauGoesToZero()
    {
        // B.11 (with B.9): as τ → 0, E[(1/τ) J(softmax((θ_D + G)/τ)) g | D] → ZGR's ½[J(π_D) g + (g_i − ⟨π_D, g⟩)(D − π_D)] with
        // π_D = softmax(θ_D) = ½(π + D); so ReinMax-Rao → 2·ZGR(θ_D) − ½ J(π) g, sample by sample. With K = 40,000 conditional
        // draws at τ = 0.02, each estimate lies within 5 standard errors of its Gumbel-Rao mean (taken from the literal form,
        // which reads the same draws) plus a bias of order τ (allowed: τ·max|g|), both doubled by ReinMax-Rao's factor 2; the tolerance is tight enough to
        // reject the nearby wrong limit 2 J(π_D) g − ½ J(π) g (ReinMax at τ = 1, no Rao-Blackwellisation).
        const int k = 40_000, samples = 4;
        const double tau = 0.02;
        var problem = Problem.Create(SyntheticObjectiveKind.Mlp, categories: 3, latents: 2, batch: 1);
        var limit = new BackwardRuleEstimator("reinmax-rao-limit", c =>
        {
            var pi = functional.softmax(c.Logits, -1);
            var piD = 0.5 * (pi + c.Sample);
            var zgrAtThetaD = 0.5 * (J(piD, c.Grad) + ((c.Sample * c.Grad).sum(-1, keepdim: true) - (piD * c.Grad).sum(-1, keepdim: true)) * (c.Sample - piD));
            return 2.0 * zgrAtThetaD - 0.5 * J(pi, c.Grad);
        });
        Tensor? allowed = null;
        var literal = new BackwardRuleEstimator("reinmax-rao-literal", c =>
        {
            var jacobians = J(Relaxed(ThetaD(c), c.Sample, k, tau, c.Generator), c.Grad.unsqueeze(0)) / tau;   // [K, ..., C]
            var bound = 5 * jacobians.std([0]) / Math.Sqrt(k) + tau * c.Grad.abs().amax([-1], keepdim: true);
            allowed = (2.0 * bound).detach().clone().DetachFromDisposeScope();
            return 2.0 * jacobians.mean([0]) - 0.5 * J(functional.softmax(c.Logits, -1), c.Grad);
        }, tau);

        var estimates = problem.Draw(new ReinMaxRao(tau, k), samples, seed: 9);
        var expected = problem.Draw(limit, samples, seed: 9);
        GradientAssert.Close(problem.Draw(literal, samples, seed: 9), estimates, 1e-8, "ReinMax-Rao vs its literal form at K = 40,000");
        var excess = ((estimates - expected).abs() - allowed!).max().item<double>();
        Assert.True(excess <= 0, $"ReinMax-Rao [{Text(estimates)}] vs its τ → 0 limit [{Text(expected)}] (allowed [{Text(allowed!)}])");
        var reinMax = problem.Draw(new ReinMax(1.0), samples, seed: 9);
        var rejected = ((estimates - reinMax).abs() - allowed!).max().item<double>();
        Assert.True(rejected > 0, $"the tolerance [{Text(allowed!)}] cannot tell the limit from ReinMax(τ=1) [{Text(reinMax)}]");
    }

    private static string Text(Tensor t) => string.Join(", ", t.flatten().data<double>().ToArray().Select(v => v.ToString("G4")));
}

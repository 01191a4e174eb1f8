using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NotebookExperiments.Estimators;

/// <summary>Where ReinMax-CV's single-draw (ST-GS) term takes its Gumbel noise (docs/estimators.md, A.11 and D.3).</summary>
public enum ReinMaxCvControlVariate
{
    /// <summary>
    /// <c>cv=conditional</c>, the project's default: one more conditional draw given <c>argmax(θ_D + G) = D</c>, from the same law
    /// as the Gumbel-Rao draws, so the control variate has conditional mean zero given D.
    /// </summary>
    Conditional,

    /// <summary>
    /// <c>cv=forward</c>, the authors' intent: the forward pass's own Gumbel noise G (the one with <c>D = onehot(argmax(θ + G))</c>),
    /// reused at θ_D: <c>(1/τ₂) J(softmax((θ_D + G)/τ₂)) g</c>. Not zero-mean given D.
    /// </summary>
    Forward,

    /// <summary>
    /// <c>cv=code</c>, the authors' code as written: the tensor saved under the noise's name is the relaxed forward sample
    /// <c>y = softmax((θ + G)/τ₂)</c>, added to θ_D without division by τ₂: <c>(1/τ₂) J(softmax(θ_D + y)) g</c>. Not zero-mean given D.
    /// </summary>
    Code,
}

/// <summary>
/// ReinMax-CV (Wang &amp; Bui 2026, eq. 18; code name <c>reinmax_cv</c>): ReinMax at τ = 1 plus η times a control variate built
/// from a Gumbel-Rao Jacobian and a single-draw ST-GS Jacobian at the shifted logits θ_D.
/// </summary>
/// <remarks>
/// <para>Forward <c>D ~ Cat(π)</c> by Gumbel-max, <c>D = onehot(argmax(θ + G))</c>. With <c>π_h = ½(π + D)</c>, <c>θ_D = log π_h</c>,
/// K Gumbel draws <c>G_k</c> conditioned on <c>argmax(θ_D + G) = D</c>, <c>p_k = softmax((θ_D + G_k)/τ₂)</c> and a single-draw point
/// <c>p_cv</c>:
/// <c>∂θ = [2 J(π_h) g − ½ J(π) g] + η [ (1/K) Σ_k (1/τ₂) J(p_k) g − (1/τ₂) J(p_cv) g ]</c> (docs/estimators.md, A.11).
/// The ReinMax part is fixed at τ = 1; τ₂ is the control variate's temperature (0.1 in the paper's Fig. 1). NFE 1, O(K·C).</para>
/// <para>The variants differ only in <c>p_cv</c> (<see cref="ReinMaxCvControlVariate"/>; spec key <c>cv</c>):
/// <c>conditional</c> (default) <c>p_cv = softmax((θ_D + G_cv)/τ₂)</c> with <c>G_cv</c> one more conditional draw at θ_D;
/// <c>forward</c> <c>p_cv = softmax((θ_D + G)/τ₂)</c> with G the forward noise;
/// <c>code</c> <c>p_cv = softmax(θ_D + softmax((θ + G)/τ₂))</c>, the authors' code's literal form, where τ₂ is also the temperature
/// of the relaxed forward sample (the code has a single τ for both; docs/estimators.md, D.3).</para>
/// <para>With the conditional draw the bracket has conditional mean zero given D, so ReinMax-CV keeps the expectation of ReinMax at
/// τ = 1 (= ZGR) for every η: it is unbiased for quadratic f. But ReinMax's term is a function of D alone, so the bracket c is
/// uncorrelated with it and <c>Var(g_RM + η c) = Var(g_RM) + η² E[Var(c | D)]</c>: the conditional control variate can only add
/// variance (docs/estimators.md, B.15). The <c>forward</c> and <c>code</c> variants have a control variate whose conditional mean
/// given D is not zero; they can change the variance either way, and they change the expectation.</para>
/// <para>All three draw D with the same Gumbel-max noise from the same generator, and the conditional variant's random stream is that
/// of the estimator before the variants existed (the forward noise is drawn either way; only the two authors' variants keep it for
/// the backward, and they draw K conditional samples where the conditional variant draws K + 1).</para>
/// </remarks>
/// <param name="eta">The control-variate weight η (finite).</param>
/// <param name="tau2">The control variate's temperature τ₂ &gt; 0.</param>
/// <param name="k">The number of Gumbel-Rao samples K ≥ 1.</param>
/// <param name="controlVariate">Where the single-draw term takes its noise; default the conditional draw.</param>
public sealed class ReinMaxCv(double eta = 0.7, double tau2 = 0.1, int k = 100,
    ReinMaxCvControlVariate controlVariate = ReinMaxCvControlVariate.Conditional) : HardSampleEstimator(tau2)
{
    /// <summary>The spec names of the variants, in the order of <see cref="ReinMaxCvControlVariate"/>; the first is the default.</summary>
    public static IReadOnlyList<string> ControlVariateNames { get; } = ["conditional", "forward", "code"];

    /// <summary>The control-variate weight η.</summary>
    public double Eta { get; } = EstimatorParameter.RequireFinite("eta", eta);

    /// <summary>The control variate's temperature τ₂ (the same as <see cref="HardSampleEstimator.Tau"/>).</summary>
    public double Tau2 => Tau;

    /// <summary>The number of Gumbel-Rao samples.</summary>
    public int K { get; } = EstimatorParameter.RequireAtLeast("k", k, 1);

    /// <summary>Where the single-draw term takes its noise.</summary>
    public ReinMaxCvControlVariate ControlVariate { get; } = Enum.IsDefined(controlVariate)
        ? controlVariate
        : throw new ArgumentOutOfRangeException(nameof(controlVariate), controlVariate, "Unknown control variate.");

    /// <summary>The variant's spec name: <c>conditional</c>, <c>forward</c> or <c>code</c>.</summary>
    public string ControlVariateName => ControlVariateNames[(int)ControlVariate];

    /// <inheritdoc />
    /// <remarks>The conditional variant omits <c>cv</c> (<c>reinmax-cv:eta=…,k=…,tau2=…</c>, the form stored results use).</remarks>
    public override string Spec => ControlVariate == ReinMaxCvControlVariate.Conditional
        ? FormatSpec("reinmax-cv", ("eta", Eta), ("k", K), ("tau2", Tau2))
        : FormatSpec("reinmax-cv", ("cv", ControlVariateName), ("eta", Eta), ("k", K), ("tau2", Tau2));

    /// <inheritdoc />
    public override int BackwardSamples => Eta == 0.0 ? 1 : ControlVariate == ReinMaxCvControlVariate.Conditional ? K + 1 : K;

    /// <summary>
    /// A Gumbel-max draw, as every hard-sample estimator makes (the same noise from the same generator); the authors' variants keep
    /// the perturbed logits <c>θ + G</c> for the backward.
    /// </summary>
    protected override (Tensor Sample, Tensor? Perturbed) SampleForward(Tensor logits, Generator generator)
    {
        if (ControlVariate == ReinMaxCvControlVariate.Conditional) return base.SampleForward(logits, generator);
        var (sample, perturbed) = Categorical.GumbelMax(logits, generator);
        return (sample, perturbed);
    }

    /// <inheritdoc />
    public override Tensor Backward(BackwardContext c)
    {
        var pi = c.Probabilities;
        var half = 0.5 * (pi + c.Sample);
        var reinMax = 2.0 * SoftmaxJacobian.Vjp(half, c.Grad) - 0.5 * SoftmaxJacobian.Vjp(pi, c.Grad);
        if (Eta == 0.0) return reinMax;

        var thetaD = half.log();
        if (ControlVariate == ReinMaxCvControlVariate.Conditional)
        {
            // K + 1 conditional draws at θ_D: the mean of the first K Jacobians (Gumbel-Rao) minus the last one (single GS),
            // in one weighted sum.
            var coefficients = Enumerable.Repeat(1.0 / K, K).Append(-1.0).ToArray();
            return reinMax + (Eta / Tau2) * ConditionalGumbel.ConditionalJacobianSum(thetaD, c.Sample, coefficients, Tau2, c.Grad, c.Generator);
        }

        var gumbelRao = ConditionalGumbel.RaoBlackwellizedVjp(thetaD, c.Sample, K, Tau2, c.Grad, c.Generator);
        var perturbed = c.Perturbed ?? throw new InvalidOperationException("ReinMax-CV's authors' variants need the forward noise.");
        var singleLogits = ControlVariate == ReinMaxCvControlVariate.Forward
            ? (thetaD + (perturbed - c.Logits)) / Tau2                   // θ_D + G, G = (θ + G) − θ, at τ₂
            : thetaD + functional.softmax(perturbed / Tau2, -1);        // θ_D + softmax((θ + G)/τ₂), no division by τ₂
        var single = SoftmaxJacobian.Vjp(functional.softmax(singleLogits, -1), c.Grad);
        return reinMax + (Eta / Tau2) * (gumbelRao - single);
    }
}

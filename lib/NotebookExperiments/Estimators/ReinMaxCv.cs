using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NotebookExperiments.Estimators;

/// <summary>
/// ReinMax-CV (Wang &amp; Bui 2026, eq. 18; code name <c>reinmax_cv</c>): ReinMax at τ = 1 plus a zero-mean control
/// variate built from Gumbel-Rao and single-sample ST-GS Jacobians at the shifted logits.
/// </summary>
/// <remarks>
/// <para>Forward <c>D ~ Cat(π)</c>. With <c>π_h = ½(π + D)</c>, <c>θ_D = log π_h</c> and K + 1 Gumbel samples conditioned on
/// <c>argmax(θ_D + G) = D</c> (the first K give <c>p_k</c>, the last <c>p_cv</c>, all <c>softmax((θ_D + G)/τ₂)</c>):
/// <c>∂θ = [2 J(π_h) g − ½ J(π) g] + η [ (1/K) Σ_k (1/τ₂) J(p_k) g − (1/τ₂) J(p_cv) g ]</c> (docs/estimators.md, A.11).</para>
/// <para>Choice of the control variate: <c>G_cv</c> is one more draw from the same conditional law as the <c>G_k</c>, so the
/// bracket has conditional mean exactly zero given D and ReinMax-CV has the expectation of ReinMax at τ = 1 (= ZGR) for
/// every η: it is unbiased for quadratic f. The authors' code instead reuses the forward noise at θ (not zero-mean), and a
/// third-party version draws fresh unconditional noise (not zero-mean either); see docs/estimators.md, D.3.</para>
/// <para>The ReinMax part is fixed at τ = 1; τ₂ is the control variate's temperature (0.1 in the paper's Fig. 1). NFE 1, O(K·C).</para>
/// </remarks>
public sealed class ReinMaxCv : HardSampleEstimator
{
    /// <param name="eta">The control-variate weight η (finite).</param>
    /// <param name="tau2">The control variate's temperature τ₂ &gt; 0.</param>
    /// <param name="k">The number of Gumbel-Rao samples K ≥ 1.</param>
    public ReinMaxCv(double eta = 0.7, double tau2 = 0.1, int k = 100) : base(tau2)
    {
        Eta = EstimatorParameter.RequireFinite("eta", eta);
        K = EstimatorParameter.RequireAtLeast("k", k, 1);
    }

    /// <summary>The control-variate weight η.</summary>
    public double Eta { get; }

    /// <summary>The control variate's temperature τ₂ (the same as <see cref="HardSampleEstimator.Tau"/>).</summary>
    public double Tau2 => Tau;

    /// <summary>The number of Gumbel-Rao samples.</summary>
    public int K { get; }

    /// <inheritdoc />
    public override string Spec => FormatSpec("reinmax-cv", ("eta", Eta), ("k", K), ("tau2", Tau2));

    /// <inheritdoc />
    public override int BackwardSamples => Eta == 0.0 ? 1 : K + 1;

    /// <inheritdoc />
    public override Tensor Backward(BackwardContext c)
    {
        var pi = c.Probabilities;
        var half = 0.5 * (pi + c.Sample);
        var reinMax = 2.0 * SoftmaxJacobian.Vjp(half, c.Grad) - 0.5 * SoftmaxJacobian.Vjp(pi, c.Grad);
        if (Eta == 0.0) return reinMax;

        // K + 1 conditional draws at θ_D: the mean of the first K Jacobians (Gumbel-Rao) minus the last one (single GS),
        // in one weighted sum.
        var coefficients = Enumerable.Repeat(1.0 / K, K).Append(-1.0).ToArray();
        return reinMax + (Eta / Tau2) * ConditionalGumbel.ConditionalJacobianSum(half.log(), c.Sample, coefficients, Tau2, c.Grad, c.Generator);
    }
}

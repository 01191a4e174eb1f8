using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NotebookExperiments.Estimators;

/// <summary>
/// ReinMax-Rao (Wang &amp; Bui 2026, eq. 17; code name <c>reinmax_v3</c>): ReinMax with its D-dependent Jacobian
/// Rao-Blackwellised by Gumbel-Rao.
/// </summary>
/// <remarks>
/// Forward <c>D ~ Cat(π)</c>. With <c>θ_D = log(½(π + D))</c> and K Gumbel samples <c>G_k</c> conditioned on
/// <c>argmax(θ_D + G) = D</c>, <c>p_k = softmax((θ_D + G_k)/τ)</c>:
/// <c>∂θ = 2 · (1/K) Σ_k (1/τ) J(p_k) g − ½ J(π) g</c> (docs/estimators.md, A.10; the second term at π, as in the authors' code).
/// τ is the Gumbel-Rao temperature inside the Rao term (tuned 0.7–1.0). NFE 1, O(K·C).
/// </remarks>
public sealed class ReinMaxRao(double tau = 1.0, int k = 100) : HardSampleEstimator(tau)
{
    /// <summary>The number of conditional Gumbel samples K ≥ 1.</summary>
    public int K { get; } = EstimatorParameter.RequireAtLeast("k", k, 1);

    /// <inheritdoc />
    public override string Spec => FormatSpec("reinmax-rao", ("k", K), ("tau", Tau));

    /// <inheritdoc />
    public override int BackwardSamples => K;

    /// <inheritdoc />
    public override Tensor Backward(BackwardContext c)
    {
        var pi = c.Probabilities;
        var thetaD = (0.5 * (pi + c.Sample)).log();
        var rao = ConditionalGumbel.RaoBlackwellizedVjp(thetaD, c.Sample, K, Tau, c.Grad, c.Generator).div_(Tau);
        return 2.0 * rao - 0.5 * SoftmaxJacobian.Vjp(pi, c.Grad);
    }
}

using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NotebookExperiments.Estimators;

/// <summary>
/// GR-MCK, Gumbel-Rao with K Monte-Carlo samples (Paulus, Maddison, Krause, ICLR 2021).
/// </summary>
/// <remarks>
/// Forward <c>D ~ Cat(π)</c>; backward <c>∂θ = (1/K) Σ_k (1/τ) J(p_k) g</c>, <c>p_k = softmax((θ + G_k)/τ)</c>, with
/// <c>G_k</c> Gumbel noise conditioned on <c>argmax(θ + G) = D</c> (<see cref="ConditionalGumbel"/>), not differentiated
/// (docs/estimators.md, A.6). The Rao-Blackwellisation of ST-GS: the same expectation, variance no larger for any K, and
/// K = 1 has ST-GS's distribution. NFE 1; O(K·C) memory and time per variable.
/// </remarks>
public sealed class GumbelRao(double tau = 1.0, int k = 100) : HardSampleEstimator(tau)
{
    /// <summary>The number of conditional Gumbel samples K ≥ 1.</summary>
    public int K { get; } = EstimatorParameter.RequireAtLeast("k", k, 1);

    /// <inheritdoc />
    public override string Spec => FormatSpec("gr-mc", ("k", K), ("tau", Tau));

    /// <inheritdoc />
    public override int BackwardSamples => K;

    /// <inheritdoc />
    public override Tensor Backward(BackwardContext c)
    {
        return ConditionalGumbel.RaoBlackwellizedVjp(c.Logits, c.Sample, K, Tau, c.Grad, c.Generator).div_(Tau);
    }
}

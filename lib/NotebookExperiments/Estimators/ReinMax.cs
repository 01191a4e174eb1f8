using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NotebookExperiments.Estimators;

/// <summary>
/// ReinMax (Liu et al., NeurIPS 2023, Algorithm 2): the Heun (second-order) correction of straight-through.
/// </summary>
/// <remarks>
/// Forward <c>D ~ Cat(π)</c>, <c>π = softmax(θ)</c>; with <c>π₁ = ½ (softmax(θ/τ) + D)</c> the backward is
/// <c>∂θ = 2 J(π₁) g − ½ J(π) g</c> (no 1/τ factor: J is taken at the value π₁; docs/estimators.md, A.8). τ enters only through π₁;
/// the paper tunes τ ∈ [1.1, 1.5]. At τ = 1 it equals ZGR per sample, hence is unbiased for quadratic f. NFE 1, O(C).
/// </remarks>
public sealed class ReinMax(double tau = 1.0) : HardSampleEstimator(tau)
{
    /// <inheritdoc />
    public override string Spec => FormatSpec("reinmax", ("tau", Tau));

    /// <inheritdoc />
    public override Tensor Backward(BackwardContext c)
    {
        var tempered = Tau == 1.0 ? c.Probabilities : functional.softmax(c.Logits / Tau, -1);   // θ/1 = θ exactly
        var pi1 = 0.5 * (tempered + c.Sample);
        return 2.0 * SoftmaxJacobian.Vjp(pi1, c.Grad) - 0.5 * SoftmaxJacobian.Vjp(c.Probabilities, c.Grad);
    }
}

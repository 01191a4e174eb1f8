using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NotebookExperiments.Estimators;

/// <summary>
/// ST, straight-through with temperature (Bengio et al. 2013; the form of the ReinMax and GST code).
/// </summary>
/// <remarks>
/// Forward <c>D ~ Cat(π)</c>; backward <c>∂θ = (1/τ) J(π_τ) g</c> with <c>π_τ = softmax(θ/τ)</c>
/// (docs/estimators.md, A.3; the forward Euler step of ReinMax, Liu et al. 2023). τ only reshapes the backward.
/// Unbiased for f linear in D at τ = 1, biased otherwise. NFE 1, O(C).
/// </remarks>
public sealed class StraightThrough(double tau = 1.0) : HardSampleEstimator(tau)
{
    /// <inheritdoc />
    public override string Spec => FormatSpec("st", ("tau", Tau));

    /// <inheritdoc />
    public override Tensor Backward(BackwardContext c) =>
        SoftmaxJacobian.Vjp(functional.softmax(c.Logits / Tau, -1), c.Grad) / Tau;
}

using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NotebookExperiments.Estimators;

/// <summary>
/// GST-γ, gapped straight-through (Fan et al., ICML 2022; <c>gst_mover</c> in the GST and ReinMax code); GST-1.0 has γ = 1.
/// </summary>
/// <remarks>
/// Forward <c>D ~ Cat(π)</c>, i the sampled class. Deterministic perturbed logits m (perturbation not differentiated): the
/// sampled class is raised to the largest logit, <c>m_i = max θ</c>, and every other class is pushed down to sit at least γ
/// below it, <c>m_j = θ_j − relu(θ_j − max θ + γ)</c>. Backward <c>∂θ = (1/τ) J(softmax(m/τ)) g</c> (docs/estimators.md, A.12).
/// NFE 1, O(C).
/// </remarks>
public sealed class GappedStraightThrough(double gap = 1.0, double tau = 1.0) : HardSampleEstimator(tau)
{
    /// <summary>The gap γ &gt; 0.</summary>
    public double Gap { get; } = EstimatorParameter.RequirePositive("gap", gap);

    /// <inheritdoc />
    public override string Spec => FormatSpec("gst", ("gap", Gap), ("tau", Tau));

    /// <inheritdoc />
    public override Tensor Backward(BackwardContext c)
    {
        var theta = c.Logits;
        var max = theta.amax([-1], keepdim: true);
        var pushedDown = theta - functional.relu(theta - max + Gap);
        var moved = c.Sample * max + (1.0 - c.Sample) * pushedDown;
        return SoftmaxJacobian.Vjp(functional.softmax(moved / Tau, -1), c.Grad) / Tau;
    }
}

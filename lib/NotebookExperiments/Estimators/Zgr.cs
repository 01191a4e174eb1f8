using static TorchSharp.torch;

namespace NotebookExperiments.Estimators;

/// <summary>
/// ZGR, the zero-temperature limit of Gumbel-Rao (Shekhovtsov, ICML 2023).
/// </summary>
/// <remarks>
/// Forward <c>D ~ Cat(π)</c>; backward <c>∂θ = ½ [ J(π) g + (g_i − ⟨π, g⟩)(D − π) ]</c>, the average of ST at τ = 1 and
/// DARN, i the sampled class (the paper's surrogate, eq. 50 of its custom-backward form; docs/estimators.md, A.7).
/// Temperature-free; unbiased for f quadratic in D. NFE 1, O(C).
/// </remarks>
public sealed class Zgr() : HardSampleEstimator(1.0)
{
    /// <inheritdoc />
    public override string Spec => "zgr";

    /// <inheritdoc />
    public override Tensor Backward(BackwardContext c)
    {
        var pi = c.Probabilities;
        var darn = (c.SelectedGrad - (pi * c.Grad).sum(-1, keepdim: true)) * (c.Sample - pi);
        return 0.5 * (SoftmaxJacobian.Vjp(pi, c.Grad) + darn);
    }
}

using static TorchSharp.torch;

namespace NotebookExperiments.Estimators;

/// <summary>
/// ReinMax-RK2 in its weighted-trapezoid reading: <c>β·ST + (1−β)·DARN</c> at τ = 1.
/// </summary>
/// <remarks>
/// Forward <c>D ~ Cat(π)</c>; backward <c>∂θ = β J(π) g + (1−β)(g_i − ⟨π, g⟩)(D − π)</c> (docs/estimators.md, A.9, the trapezoid reading).
/// β = 1 is ST at τ = 1, β = 0 is DARN, β = ½ is ReinMax at τ = 1 (= ZGR). Unbiased for linear f at every β, for quadratic
/// f only at β = ½. Temperature-free. Which reading the paper's equation means is open; the β sweep of the paper used
/// <see cref="ReinMaxRk2"/>. NFE 1, O(C).
/// </remarks>
public sealed class ReinMaxRk2Trapezoid(double beta = 0.5) : HardSampleEstimator(1.0)
{
    /// <summary>The weight β of the ST term.</summary>
    public double Beta { get; } = EstimatorParameter.RequireFinite("beta", beta);

    /// <inheritdoc />
    public override string Spec => FormatSpec("reinmax-rk2-trap", ("beta", Beta));

    /// <inheritdoc />
    public override Tensor Backward(BackwardContext c)
    {
        var pi = c.Probabilities;
        var darn = (c.SelectedGrad - (pi * c.Grad).sum(-1, keepdim: true)) * (c.Sample - pi);
        return Beta * SoftmaxJacobian.Vjp(pi, c.Grad) + (1.0 - Beta) * darn;
    }
}

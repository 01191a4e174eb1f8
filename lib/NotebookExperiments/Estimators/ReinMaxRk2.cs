using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NotebookExperiments.Estimators;

/// <summary>
/// ReinMax-RK2(β), the two-stage Runge-Kutta family of Beyond ReinMax (Wang &amp; Bui 2026, section 4 and Fig. 2), in the
/// form of the authors' code that produced the β sweep.
/// </summary>
/// <remarks>
/// <para>Forward <c>D ~ Cat(π)</c>. With <c>π_τ = softmax(θ/τ)</c>, <c>π_h = ½(π_τ + D)</c> and <c>π_β = β π_τ + (1−β) D</c>:
/// <c>∂θ = center( 2 (g ⊙ π_h − π_h ⟨g, π_β⟩) − (1−β) J(π) g )</c>, where center subtracts the mean over classes
/// (the first term is the non-symmetric <c>2[diag(π_h) − π_h π_βᵀ] g</c>; docs/estimators.md, A.9).</para>
/// <para>β = ½ is ReinMax (Heun), β = 0 the midpoint rule, β = ¼ Ralston. At τ = 1 and for linear f the expectation is
/// <c>2β</c> times the exact gradient, so only β = ½ is unbiased there, and β = 1 is not ST. The trapezoid reading of the
/// same family is <see cref="ReinMaxRk2Trapezoid"/>. NFE 1, O(C).</para>
/// </remarks>
public sealed class ReinMaxRk2(double beta = 0.5, double tau = 1.0) : HardSampleEstimator(tau)
{
    /// <summary>The weight β of the first stage.</summary>
    public double Beta { get; } = EstimatorParameter.RequireFinite("beta", beta);

    /// <inheritdoc />
    public override string Spec => FormatSpec("reinmax-rk2", ("beta", Beta), ("tau", Tau));

    /// <inheritdoc />
    public override Tensor Backward(BackwardContext c)
    {
        var piTau = functional.softmax(c.Logits / Tau, -1);
        var half = 0.5 * (piTau + c.Sample);
        var weighted = Beta * piTau + (1.0 - Beta) * c.Sample;
        var first = 2.0 * (c.Grad * half - half * (c.Grad * weighted).sum(-1, keepdim: true));
        var second = (1.0 - Beta) * SoftmaxJacobian.Vjp(c.Probabilities, c.Grad);
        return SoftmaxJacobian.Center(first - second);
    }
}

using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NotebookExperiments.Estimators;

/// <summary>
/// ST-GS, straight-through Gumbel-Softmax (Jang et al. 2017; "gumbel" in the ReinMax code).
/// </summary>
/// <remarks>
/// Forward <c>D = onehot(argmax(θ + G))</c>, G standard Gumbel (an exact Cat(π) draw); backward
/// <c>∂θ = (1/τ) J(y) g</c> with <c>y = softmax((θ + G)/τ)</c>, the same G (docs/estimators.md, A.5). Biased; GR-MCK has the same
/// expectation and lower variance. NFE 1, O(C).
/// </remarks>
public sealed class StraightThroughGumbelSoftmax(double tau = 1.0) : HardSampleEstimator(tau)
{
    /// <inheritdoc />
    public override string Spec => FormatSpec("st-gs", ("tau", Tau));

    /// <inheritdoc />
    protected override (Tensor Sample, Tensor? Perturbed) SampleForward(Tensor logits, Generator generator)
    {
        var (sample, perturbed) = Categorical.GumbelMax(logits, generator);
        return (sample, perturbed);
    }

    /// <inheritdoc />
    public override Tensor Backward(BackwardContext c) =>
        SoftmaxJacobian.Vjp(functional.softmax(c.Perturbed! / Tau, -1), c.Grad) / Tau;
}

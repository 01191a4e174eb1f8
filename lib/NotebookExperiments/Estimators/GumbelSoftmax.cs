using System.Globalization;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NotebookExperiments.Estimators;

/// <summary>
/// GS, the (soft) Gumbel-Softmax or Concrete relaxation (Jang et al. 2017; Maddison et al. 2017).
/// </summary>
/// <remarks>
/// Forward <c>y = softmax((θ + G)/τ)</c>, G standard Gumbel: the objective sees a point of the simplex, not a one-hot
/// sample; backward by autograd, <c>∂θ = (1/τ) J(y) g</c> (docs/estimators.md, A.4). The surrogate's value estimates the
/// relaxed objective, and its gradient is a biased estimate of the discrete one. NFE 1, O(C).
/// </remarks>
public sealed class GumbelSoftmax(double tau = 1.0) : IRelaxingEstimator
{
    /// <summary>The relaxation temperature τ &gt; 0.</summary>
    public double Tau { get; } = EstimatorParameter.RequirePositive("tau", tau);

    /// <inheritdoc />
    public string Spec => "gs:tau=" + Tau.ToString("R", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public int? ObjectiveEvaluations => 1;

    /// <inheritdoc />
    public Tensor Surrogate(Tensor logits, LatentObjective objective, Generator generator) => objective(Relax(logits, generator));

    /// <summary>The soft sample <c>softmax((θ + G)/τ)</c> <c>[...batch, L, C]</c>.</summary>
    public Tensor Relax(Tensor logits, Generator generator)
    {
        var noise = Categorical.Gumbel(logits.shape, logits.dtype, logits.device, generator);
        return functional.softmax((logits + noise) / Tau, -1);
    }

    /// <inheritdoc />
    public override string ToString() => Spec;
}

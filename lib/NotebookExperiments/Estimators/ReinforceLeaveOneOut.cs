using System.Globalization;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NotebookExperiments.Estimators;

/// <summary>
/// RF(M), REINFORCE with the leave-one-out baseline (Kool, van Hoof, Welling 2019).
/// </summary>
/// <remarks>
/// Forward: M independent samples <c>D_m ~ Cat(π)</c> per example; the surrogate's value is <c>(1/M) Σ_m f(D_m)</c>.
/// Gradient: <c>ĝ = 1/(M−1) Σ_m (f(D_m) − f̄) ∇θ log q(D_m)</c>, <c>f̄ = (1/M) Σ_m f(D_m)</c>, with
/// <c>log q(D) = Σ_l ⟨D_l, log softmax θ_l⟩</c> (docs/estimators.md, A.2); parameters of f get the pathwise gradient of the mean.
/// Unbiased for every f. The objective is called once on <c>[M, ...batch, L, C]</c>: NFE M.
/// </remarks>
public sealed class ReinforceLeaveOneOut(int m = 4) : IGradientEstimator
{
    /// <summary>The number of samples M ≥ 2.</summary>
    public int M { get; } = EstimatorParameter.RequireAtLeast("m", m, 2);

    /// <inheritdoc />
    public string Spec => "reinforce-loo:m=" + M.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public int? ObjectiveEvaluations => M;

    /// <inheritdoc />
    public Tensor Surrogate(Tensor logits, LatentObjective objective, Generator generator)
    {
        long[] shape = [M, .. logits.shape];
        var samples = Categorical.Sample(logits.detach().unsqueeze(0).expand(shape), generator);
        var losses = objective(samples);
        var logq = (samples * functional.log_softmax(logits, -1)).sum([-2, -1]);
        var advantage = ((losses - losses.mean([0], keepdim: true)) * (M / (M - 1.0))).detach();
        return losses.mean([0]) + (advantage * (logq - logq.detach())).mean([0]);
    }

    /// <inheritdoc />
    public override string ToString() => Spec;
}

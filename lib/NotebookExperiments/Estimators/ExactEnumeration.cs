using System.Globalization;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NotebookExperiments.Estimators;

/// <summary>
/// The exact gradient, by enumerating all <c>C^L</c> joint states of the L variables.
/// </summary>
/// <remarks>
/// Surrogate <c>Σ_z q(z) f(z)</c> with <c>q(z) = Π_l ⟨π_l, z_l⟩</c>: its value is the exact expectation and its gradient the
/// exact gradient, with respect to θ and to any parameters of f (docs/estimators.md, A.1 and B.1). The objective is called
/// once on <c>[C^L, ...batch, L, C]</c>: NFE C^L, memory O(C^L · batch). Refuses configurations above
/// <see cref="MaxStates"/> with an error.
/// </remarks>
public sealed class ExactEnumeration(long maxStates = ExactEnumeration.DefaultMaxStates) : IGradientEstimator
{
    /// <summary>The default limit on the number of joint states.</summary>
    public const long DefaultMaxStates = 65_536;

    /// <summary>The largest number of joint states accepted, C^L ≥ 1.</summary>
    public long MaxStates { get; } = EstimatorParameter.RequireAtLeast("max-states", maxStates, 1);

    /// <inheritdoc />
    public string Spec => MaxStates == DefaultMaxStates ? "exact" : "exact:max-states=" + MaxStates.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public int? ObjectiveEvaluations => null;

    /// <inheritdoc />
    public Tensor Surrogate(Tensor logits, LatentObjective objective, Generator generator)
    {
        int latents = (int)logits.shape[^2], categories = (int)logits.shape[^1];
        var states = Categorical.EnumerateStates(categories, latents, MaxStates, logits.dtype, logits.device);
        long[] view = [states.shape[0], .. Enumerable.Repeat(1L, (int)logits.dim() - 2), latents, categories];
        long[] full = [states.shape[0], .. logits.shape];
        var latentsTable = states.view(view).expand(full);
        var losses = objective(latentsTable);
        var logProbability = (latentsTable * functional.log_softmax(logits, -1)).sum([-2, -1]);
        return (logProbability.exp() * losses).sum([0]);
    }

    /// <inheritdoc />
    public override string ToString() => Spec;
}

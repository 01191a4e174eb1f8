using static TorchSharp.torch;

namespace NotebookExperiments.Estimators;

/// <summary>
/// A single-evaluation estimator that can hand the objective's input to the caller instead of calling the objective:
/// <see cref="Relax"/> returns the latent that f sees (one-hot D with the estimator's backward rule, or GS's soft sample),
/// so that a model can evaluate f once for many members or replicas in a batched pass. <c>Surrogate(θ, f, gen)</c> is
/// <c>f(Relax(θ, gen))</c>.
/// </summary>
public interface IRelaxingEstimator : IGradientEstimator
{
    /// <summary>The latent that the objective sees <c>[...batch, L, C]</c>, carrying the estimator's gradient to θ.</summary>
    Tensor Relax(Tensor logits, Generator generator);
}

using static TorchSharp.torch;

namespace NotebookExperiments.Estimators;

/// <summary>
/// A gradient estimator for the logits of categorical latent variables.
/// </summary>
/// <remarks>
/// <para>The one contract of the project: given logits θ <c>[...batch, L, C]</c> (L independent categorical variables with
/// C classes each, <c>π = softmax(θ)</c> over the last dimension) and an objective f, return a <b>surrogate</b>
/// <c>[...batch]</c> whose value estimates <c>E_{D~Cat(π)}[f(D)]</c> per example and whose gradient with respect to θ (and to
/// any parameters of f) is the estimator's gradient. Backpropagating <c>surrogate.sum()</c> gives one estimate per example.</para>
/// <para>Every random draw comes from the generator passed to <see cref="Surrogate"/>, so one seed fixes the run.</para>
/// <para>Built-ins are listed by <see cref="EstimatorCatalog"/> and named by spec strings (<see cref="EstimatorSpec"/>). A new
/// single-evaluation estimator needs only a backward rule (<see cref="BackwardRuleEstimator"/>) or a surrogate
/// (<see cref="SurrogateEstimator"/>).</para>
/// </remarks>
public interface IGradientEstimator
{
    /// <summary>The spec string that recreates this estimator, e.g. <c>reinmax-rk2:beta=0.55,tau=1</c>.</summary>
    string Spec { get; }

    /// <summary>The number of objective evaluations per example and estimate (NFE): 1 for the straight-through family,
    /// M for REINFORCE-LOO, C^L for exact enumeration (then depends on the shape; null).</summary>
    int? ObjectiveEvaluations { get; }

    /// <summary>Builds the surrogate for one estimate per example.</summary>
    /// <param name="logits">θ <c>[...batch, L, C]</c>; at least one leading dimension is not required (<c>[L, C]</c> works).</param>
    /// <param name="objective">f, see <see cref="LatentObjective"/>.</param>
    /// <param name="generator">The source of every random draw.</param>
    /// <returns>The surrogate <c>[...batch]</c>.</returns>
    Tensor Surrogate(Tensor logits, LatentObjective objective, Generator generator);
}

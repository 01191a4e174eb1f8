using System.Globalization;
using static TorchSharp.torch;

namespace NotebookExperiments.Estimators;

/// <summary>
/// Base of the single-evaluation estimators with a one-hot forward: <c>D ~ Cat(softmax θ)</c> at temperature 1
/// (τ never changes the forward distribution), the objective is evaluated once at D, and the logit gradient is a
/// backward rule applied to the upstream gradient <c>g = ∂f/∂D</c> (<see cref="Backward"/>).
/// </summary>
/// <remarks>
/// The surrogate is <c>f(out)</c> where <c>out</c> equals D in value and routes <c>g</c> through <see cref="Backward"/>
/// to θ. Subclasses implement the rule as vector-Jacobian products (<see cref="SoftmaxJacobian.Vjp"/>), never C×C matrices.
/// </remarks>
public abstract class HardSampleEstimator : IRelaxingEstimator
{
    /// <param name="tau">The temperature τ &gt; 0 of the backward rule (1 for temperature-free rules).</param>
    protected HardSampleEstimator(double tau)
    {
        Tau = EstimatorParameter.RequirePositive("tau", tau);
    }

    /// <summary>The temperature τ of the backward rule.</summary>
    public double Tau { get; }

    /// <inheritdoc />
    public abstract string Spec { get; }

    /// <inheritdoc />
    public int? ObjectiveEvaluations => 1;

    /// <summary>
    /// How many perturbed copies of the logits the backward rule holds at once (K for Gumbel-Rao estimators, 1 otherwise):
    /// a memory hint for batched gradient studies.
    /// </summary>
    public virtual int BackwardSamples => 1;

    /// <inheritdoc />
    public Tensor Surrogate(Tensor logits, LatentObjective objective, Generator generator) =>
        objective(Relax(logits, generator));

    /// <summary>
    /// The latent that the objective sees: D in value, with this estimator's backward rule towards θ.
    /// <c>[...batch, L, C]</c>.
    /// </summary>
    public Tensor Relax(Tensor logits, Generator generator)
    {
        var (sample, perturbed) = SampleForward(logits, generator);
        return StraightThroughFunction.Apply(logits, sample, perturbed, Backward, Tau, generator);
    }

    /// <summary>Draws the forward sample. The default is a Gumbel-max draw whose perturbed logits are not kept.</summary>
    protected virtual (Tensor Sample, Tensor? Perturbed) SampleForward(Tensor logits, Generator generator) =>
        (Categorical.Sample(logits, generator), null);

    /// <summary>The backward rule: the logit gradient <c>[...batch, L, C]</c> given θ, D, g and τ.</summary>
    public abstract Tensor Backward(BackwardContext context);

    /// <inheritdoc />
    public override string ToString() => Spec;

    /// <summary>Formats a spec string <c>name:key=value,...</c> with invariant, round-trip numbers.</summary>
    protected static string FormatSpec(string name, params (string Key, object Value)[] parameters) =>
        parameters.Length == 0
            ? name
            : name + ":" + string.Join(",", parameters.Select(p => p.Key + "=" + Convert.ToString(p.Value, CultureInfo.InvariantCulture)));
}

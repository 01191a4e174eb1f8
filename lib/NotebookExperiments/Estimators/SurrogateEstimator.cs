using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NotebookExperiments.Estimators;

/// <summary>
/// What a surrogate function sees: the logits (differentiable), the forward sample and τ.
/// </summary>
public sealed class SurrogateContext
{
    internal SurrogateContext(Tensor logits, Tensor sample, double tau, Generator generator)
    {
        Logits = logits;
        Sample = sample;
        Tau = tau;
        Generator = generator;
    }

    /// <summary>θ <c>[...batch, L, C]</c>, with gradient.</summary>
    public Tensor Logits { get; }

    /// <summary>π = softmax(θ) <c>[...batch, L, C]</c>, with gradient.</summary>
    public Tensor Probabilities => functional.softmax(Logits, -1);

    /// <summary>The one-hot forward sample D <c>[...batch, L, C]</c> (no gradient).</summary>
    public Tensor Sample { get; }

    /// <summary>The temperature τ.</summary>
    public double Tau { get; }

    /// <summary>The run's generator.</summary>
    public Generator Generator { get; }
}

/// <summary>
/// A hard-sample estimator given by a straight-through surrogate: <c>out = D + v(θ) − sg(v(θ))</c>, so that the logit gradient is
/// <c>(∂v/∂θ)ᵀ g</c>. The other way (besides <see cref="BackwardRuleEstimator"/>) to define a variant in a few lines.
/// </summary>
/// <example>
/// ZGR as printed in Shekhovtsov (2023):
/// <code>
/// new SurrogateEstimator("zgr-surrogate", c =&gt; {
///     var logp = functional.log_softmax(c.Logits, -1);
///     var p = logp.exp();
///     return 0.5 * (p + (c.Sample - p.detach()) * (logp * c.Sample).sum(-1, keepdim: true));
/// });
/// </code>
/// </example>
/// <param name="name">The spec name.</param>
/// <param name="surrogate">v(θ) <c>[...batch, L, C]</c>, a differentiable function of the context's logits.</param>
/// <param name="tau">The temperature passed to the surrogate, τ &gt; 0.</param>
public sealed class SurrogateEstimator(string name, Func<SurrogateContext, Tensor> surrogate, double tau = 1.0) : IRelaxingEstimator
{
    /// <summary>The spec name.</summary>
    public string Name { get; } = EstimatorSpec.RequireName(name);

    private readonly Func<SurrogateContext, Tensor> _surrogate = surrogate ?? throw new ArgumentNullException(nameof(surrogate));

    /// <summary>The temperature τ.</summary>
    public double Tau { get; } = EstimatorParameter.RequirePositive("tau", tau);

    /// <summary>The same surrogate at another temperature.</summary>
    public SurrogateEstimator WithTau(double tau) => new(Name, _surrogate, tau);

    /// <summary>A hash of the surrogate's code and of the values it reads (<see cref="Estimators.CodeIdentity"/>): stored results of
    /// another version of it are not reused.</summary>
    public string CodeIdentity => _codeIdentity ??= Estimators.CodeIdentity.Of(_surrogate);

    private string? _codeIdentity;

    /// <inheritdoc />
    public string Spec => Tau == 1.0 ? Name : Name + ":tau=" + Tau.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public int? ObjectiveEvaluations => 1;

    /// <inheritdoc />
    public Tensor Surrogate(Tensor logits, LatentObjective objective, Generator generator) => objective(Relax(logits, generator));

    /// <summary><c>D + v(θ) − sg(v(θ))</c> <c>[...batch, L, C]</c>: D in value, the surrogate's gradient towards θ.</summary>
    public Tensor Relax(Tensor logits, Generator generator)
    {
        var sample = Categorical.Sample(logits, generator);
        var v = _surrogate(new SurrogateContext(logits, sample, Tau, generator));
        return sample + v - v.detach();
    }

    /// <inheritdoc />
    public override string ToString() => Spec;
}

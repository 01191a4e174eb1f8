using static TorchSharp.torch;

namespace NotebookExperiments.Estimators;

/// <summary>
/// A hard-sample estimator given by its backward rule alone: the way to define a new variant in a few lines.
/// </summary>
/// <example>
/// DARN, written in a notebook cell:
/// <code>
/// var darn = new BackwardRuleEstimator("darn",
///     (pi, d, g, tau) =&gt; ((d * g).sum(-1, keepdim: true) - (pi * g).sum(-1, keepdim: true)) * (d - pi));
/// EstimatorCatalog.Default.Register(darn);   // now "darn" works in every spec string
/// </code>
/// </example>
public sealed class BackwardRuleEstimator : HardSampleEstimator
{
    private readonly BackwardRule _rule;
    private readonly Delegate _code;
    private string? _codeIdentity;

    /// <param name="name">The spec name; with a τ other than 1 the spec is <c>name:tau=τ</c>.</param>
    /// <param name="rule">The logit gradient <c>[...batch, L, C]</c> from the context (π, D, g, τ, θ, generator).</param>
    /// <param name="tau">The temperature passed to the rule, τ &gt; 0.</param>
    public BackwardRuleEstimator(string name, BackwardRule rule, double tau = 1.0) : base(tau)
    {
        Name = EstimatorSpec.RequireName(name);
        _rule = rule ?? throw new ArgumentNullException(nameof(rule));
        _code = rule;
    }

    private BackwardRuleEstimator(string name, BackwardRule rule, Delegate code, double tau) : this(name, rule, tau) => _code = code;

    /// <param name="name">The spec name.</param>
    /// <param name="rule">The logit gradient as a function of π = softmax(θ), the one-hot sample D, the upstream gradient g and τ,
    /// all <c>[...batch, L, C]</c> but τ.</param>
    /// <param name="tau">The temperature passed to the rule, τ &gt; 0.</param>
    public BackwardRuleEstimator(string name, Func<Tensor, Tensor, Tensor, double, Tensor> rule, double tau = 1.0)
        : this(name, c => rule(c.Probabilities, c.Sample, c.Grad, c.Tau), tau)
    {
        ArgumentNullException.ThrowIfNull(rule);
        _code = rule;
    }

    /// <summary>The spec name.</summary>
    public string Name { get; }

    /// <summary>The same rule at another temperature.</summary>
    public BackwardRuleEstimator WithTau(double tau) => new(Name, _rule, _code, tau);

    /// <summary>A hash of the rule's code and of the values it reads (<see cref="Estimators.CodeIdentity"/>): stored results of
    /// another version of the rule are not reused.</summary>
    public string CodeIdentity => _codeIdentity ??= Estimators.CodeIdentity.Of(_code);

    /// <inheritdoc />
    public override string Spec => Tau == 1.0 ? Name : FormatSpec(Name, ("tau", Tau));

    /// <inheritdoc />
    public override Tensor Backward(BackwardContext context) => _rule(context);
}

using static TorchSharp.torch;

namespace NotebookExperiments.Gradients;

/// <summary>The family of a <see cref="SyntheticObjective"/>.</summary>
public enum SyntheticObjectiveKind
{
    /// <summary><c>f(z) = aᵀ x</c>, x = vec(z) of length L·C.</summary>
    Linear,
    /// <summary><c>f(z) = xᵀ A x + bᵀ x</c>.</summary>
    Quadratic,
    /// <summary><c>f(z) = w₂ᵀ tanh(W₁ x + b₁)</c>, a small random network (16 hidden units).</summary>
    Mlp,
}

/// <summary>
/// A synthetic objective over L categorical variables with C classes and seeded random coefficients, for comparing
/// estimators with the exact gradient where the truth is cheap (docs/estimators.md, section B).
/// </summary>
/// <remarks>
/// Coefficients are standard normal (A scaled by 1/√(L·C), W₁ by 2/√(L·C)) drawn from a generator seeded with the given seed,
/// in float64 by default. <see cref="Evaluate"/> maps <c>[*, L, C]</c> to <c>[*]</c>, treating every leading index alone.
/// The known unbiasedness results: ST(τ=1) and DARN for linear f; ZGR, ReinMax(τ=1) and ReinMax-CV (its default, conditional
/// control variate) for quadratic f;
/// REINFORCE and exact enumeration for every f.
/// </remarks>
public sealed class SyntheticObjective
{
    private const int HiddenUnits = 16;
    private readonly Tensor _weights;
    private readonly Tensor? _bias;
    private readonly Tensor? _output;

    private SyntheticObjective(SyntheticObjectiveKind kind, int categories, int latents, Tensor weights, Tensor? bias, Tensor? output)
    {
        Kind = kind;
        Categories = categories;
        Latents = latents;
        _weights = weights;
        _bias = bias;
        _output = output;
    }

    /// <summary>The family.</summary>
    public SyntheticObjectiveKind Kind { get; }

    /// <summary>C, classes per variable.</summary>
    public int Categories { get; }

    /// <summary>L, the number of variables.</summary>
    public int Latents { get; }

    /// <summary>Draws the coefficients.</summary>
    /// <exception cref="ArgumentOutOfRangeException">C &lt; 2 or L &lt; 1.</exception>
    public static SyntheticObjective Create(SyntheticObjectiveKind kind, int categories, int latents, long seed,
        ScalarType dtype = ScalarType.Float64, Device? device = null)
    {
        if (categories < 2) throw new ArgumentOutOfRangeException(nameof(categories), categories, "C must be at least 2.");
        if (latents < 1) throw new ArgumentOutOfRangeException(nameof(latents), latents, "L must be at least 1.");
        using var generator = new Generator((ulong)seed);
        int n = categories * latents;
        Tensor Normal(params long[] shape) =>
            randn(shape, dtype: ScalarType.Float64, generator: generator).to(dtype, device ?? CPU).DetachFromDisposeScope();
        return kind switch
        {
            SyntheticObjectiveKind.Linear => new(kind, categories, latents, Normal(n), null, null),
            SyntheticObjectiveKind.Quadratic => new(kind, categories, latents, Normal(n, n) / Math.Sqrt(n), Normal(n), null),
            SyntheticObjectiveKind.Mlp => new(kind, categories, latents, Normal(n, HiddenUnits) * (2.0 / Math.Sqrt(n)), Normal(HiddenUnits), Normal(HiddenUnits)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    /// <summary>Parses <c>linear</c>, <c>quadratic</c> or <c>mlp</c>.</summary>
    /// <exception cref="ArgumentException">Any other name; the message lists the accepted ones.</exception>
    public static SyntheticObjectiveKind ParseKind(string name) =>
        Enum.TryParse<SyntheticObjectiveKind>(name, ignoreCase: true, out var kind) && Enum.IsDefined(kind)
            ? kind
            : throw new ArgumentException($"Unknown objective '{name}'. Accepted: linear, quadratic, mlp.");

    /// <summary>f for latents <c>[*, L, C]</c>, returning <c>[*]</c>.</summary>
    public Tensor Evaluate(Tensor latents)
    {
        var x = latents.flatten(-2).to(_weights.dtype);
        return Kind switch
        {
            SyntheticObjectiveKind.Linear => (x * _weights).sum(-1),
            SyntheticObjectiveKind.Quadratic => (x.matmul(_weights) * x).sum(-1) + (x * _bias!).sum(-1),
            _ => (x.matmul(_weights) + _bias!).tanh().matmul(_output!),
        };
    }

    /// <summary>Random logits θ <c>[batch, L, C]</c>, standard normal times <paramref name="scale"/>, in the coefficients' dtype.</summary>
    public Tensor RandomLogits(int batch, Generator generator, double scale = 1.0) =>
        randn([batch, Latents, Categories], dtype: _weights.dtype, device: _weights.device, generator: generator) * scale;
}

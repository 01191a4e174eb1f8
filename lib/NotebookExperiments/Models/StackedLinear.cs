using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotebookExperiments.Models;

/// <summary>
/// M independent linear layers applied in one batched matrix product: weight <c>[M, in, out]</c>, bias <c>[M, 1, out]</c>,
/// input <c>[M, R, in]</c> → output <c>[M, R, out]</c>. Member m is initialised as PyTorch's <c>nn.Linear</c> would be,
/// U(−1/√in, 1/√in) for weight and bias, from member m's own generator.
/// </summary>
internal sealed class StackedLinear : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;

    /// <param name="name">The module name.</param>
    /// <param name="inputs">Input width.</param>
    /// <param name="outputs">Output width.</param>
    /// <param name="generators">One generator per member, used for its initialisation.</param>
    /// <param name="dtype">Parameter dtype.</param>
    /// <param name="fusedBackward">Record <see cref="StackedLinearFunction"/> (default) rather than autograd's <c>bmm</c> and
    /// addition, when a gradient is recorded.</param>
    public StackedLinear(string name, int inputs, int outputs, IReadOnlyList<Generator> generators, ScalarType dtype = ScalarType.Float32,
        bool fusedBackward = true) : base(name)
    {
        FusedBackward = fusedBackward;
        Inputs = inputs;
        Outputs = outputs;
        double bound = 1.0 / Math.Sqrt(inputs);
        using var _ = no_grad();
        // Per member: the weight as nn.Linear stores it, [out, in], then the bias, as PyTorch draws them.
        var weights = generators.Select(g => (rand([outputs, inputs], dtype: dtype, generator: g) * (2 * bound) - bound).t()).ToList();
        var biases = generators.Select(g => rand([1, outputs], dtype: dtype, generator: g) * (2 * bound) - bound).ToList();
        weight = new Parameter(stack(weights).contiguous());
        bias = new Parameter(stack(biases).contiguous());
        RegisterComponents();
    }

    /// <summary>Input width.</summary>
    public int Inputs { get; }

    /// <summary>Output width.</summary>
    public int Outputs { get; }

    /// <summary>Whether a recorded forward uses <see cref="StackedLinearFunction"/>.</summary>
    public bool FusedBackward { get; }

    /// <summary>The stacked weights <c>[M, in, out]</c>.</summary>
    public Parameter Weight => weight;

    /// <summary>The stacked biases <c>[M, 1, out]</c>.</summary>
    public Parameter Bias => bias;

    /// <summary><c>x W_m + b_m</c> for every member: <c>[M, R, in]</c> → <c>[M, R, out]</c>.</summary>
    /// <remarks>When a gradient is to be recorded and <see cref="FusedBackward"/> is set, through
    /// <see cref="StackedLinearFunction"/>, whose backward pass chooses the fastest products for the members' shapes and
    /// accumulates the parameters' gradients in place.</remarks>
    public override Tensor forward(Tensor input) =>
        FusedBackward && is_grad_enabled() && (input.requires_grad || weight.requires_grad || bias.requires_grad)
            ? StackedLinearFunction.Apply(input, weight, bias)
            : bmm(input, weight).add_(bias, StackedLinearFunction.One);

    /// <summary>Member m alone: <c>[R, in]</c> → <c>[R, out]</c>.</summary>
    public Tensor ForwardMember(Tensor input, int member) => addmm(bias[member], input, weight[member], 1, 1);
}

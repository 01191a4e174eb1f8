using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace NotebookExperiments.Models;

/// <summary>
/// The autograd node of <see cref="StackedLinear"/>: <c>y = x W + b</c> per member, with the backward pass issued as the
/// fastest products for each shape.
/// </summary>
/// <remarks>
/// <para>Forward: <c>y = bmm(x, W) + b</c>, x <c>[M, R, in]</c>, W <c>[M, in, out]</c>, b <c>[M, 1, out]</c>. Backward, for
/// the upstream gradient G <c>[M, R, out]</c>: <c>∂x = G Wᵀ</c> (one <c>bmm</c>), <c>∂b = Σ_R G</c>, and <c>∂W = xᵀ G</c>,
/// each only when its input requires a gradient.</para>
/// <para>Why a node of our own: autograd's formula for <c>bmm</c> computes <c>∂W</c> as <c>bmm(xᵀ, G)</c>, which LibTorch 2.10
/// on the CPU runs at half the GEMM rate when the members' weight matrices are large (measured on 2 cores with
/// <c>[29, 784, 100]·[29, 100, 512]</c>: 30 ms against 16 ms for one <c>mm</c> per member). On the CPU, <c>∂W</c> is
/// therefore computed member by member, each <c>addmm_</c> accumulating into its slice, for a single member and for weights
/// of at least <see cref="LoopedWeightGradientElements"/> elements; smaller weights of several members (where the loop's
/// per-call cost dominates) and CUDA keep the <c>bmm</c>. The result is the same product either way, so a member's
/// gradient equals the same model's alone up to the BLAS kernel's summation order.</para>
/// <para>Gradients of leaf parameters (the layer's own weight and bias) are accumulated straight into their <c>.grad</c>
/// (<c>W.grad ← W.grad + xᵀ G</c> as one GEMM with β = 1), and the node returns no gradient for them, so autograd does not
/// allocate a gradient tensor per step and add it in a second pass: for the 29-member ensemble that is 92 MB of fresh
/// memory per step, all of it page-faulted in. The effect is that of <c>backward()</c>, also when the pass was started by
/// <c>autograd.grad</c>: callers that want gradients of other tensors only turn the parameters' <c>requires_grad</c> off
/// (as <see cref="Gradients.VaeGradientProblem"/> does).</para>
/// </remarks>
internal sealed class StackedLinearFunction : SingleTensorFunction<StackedLinearFunction>
{
    /// <summary>Per-member weight elements (<c>in·out</c>) from which <c>∂W</c> is computed member by member on the CPU.</summary>
    public const long LoopedWeightGradientElements = 1L << 18;

    /// <summary>
    /// The scalar 1 passed as <c>alpha</c> to the in-place additions of every step. An implicit <c>Scalar</c> made in the call
    /// (<c>add_(b)</c> means <c>add_(b, 1)</c>) is unreachable once its handle is read, so the garbage collector may finalise and
    /// free it while LibTorch still reads it (seen as "Expected false to be true" from <c>Scalar::toFloat</c>); a static one is
    /// never collected.
    /// </summary>
    internal static readonly Scalar One = 1;

    public override string Name => nameof(StackedLinearFunction);

    /// <summary><c>bmm(x, W) + b</c> with this node's backward.</summary>
    public static Tensor Apply(Tensor input, Tensor weight, Tensor bias) => apply(input, weight, bias);

    public override Tensor forward(AutogradContext ctx, params object[] vars)
    {
        var input = (Tensor)vars[0];
        var weight = (Tensor)vars[1];
        var bias = (Tensor)vars[2];
        ctx.save_for_backward([input, weight, bias]);
        ctx.save_data("needs", (input.requires_grad, weight.requires_grad, bias.requires_grad));
        return bmm(input, weight).add_(bias, One);
    }

    public override List<Tensor> backward(AutogradContext ctx, Tensor grad_output)
    {
        var saved = ctx.get_saved_variables();
        Tensor input = saved[0], weight = saved[1], bias = saved[2];
        var (inputNeeds, weightNeeds, biasNeeds) = ((bool, bool, bool))ctx.get_data("needs");
        var g = grad_output.is_contiguous() ? grad_output : grad_output.contiguous();
        var inputGrad = inputNeeds ? bmm(g, weight.transpose(1, 2)) : null;
        Tensor? weightGrad = null, biasGrad = null;
        if (weightNeeds)
        {
            if (weight.is_leaf) AddWeightGradient(LeafGradient(weight), input, g);
            else weightGrad = AddWeightGradient(zeros_like(weight), input, g);
        }
        if (biasNeeds)
        {
            if (bias.is_leaf) LeafGradient(bias).add_(g.sum(1, keepdim: true), One);
            else biasGrad = g.sum(1, keepdim: true);
        }
        return [inputGrad!, weightGrad!, biasGrad!];
    }

    /// <summary>The leaf's <c>.grad</c>, created as zeros on first use.</summary>
    private static Tensor LeafGradient(Tensor leaf)
    {
        if (leaf.grad is { } existing) return existing;
        using (no_grad()) leaf.grad = zeros_like(leaf).DetachFromDisposeScope();
        return leaf.grad!;
    }

    /// <summary><c>target ← target + xᵀ G</c> per member, <c>[M, in, out]</c>; returns <paramref name="target"/>.</summary>
    private static Tensor AddWeightGradient(Tensor target, Tensor input, Tensor g)
    {
        long members = target.shape[0], elements = target.shape[1] * target.shape[2];
        if (target.device_type != TorchSharp.DeviceType.CPU || (members > 1 && elements < LoopedWeightGradientElements))
            return target.add_(bmm(input.transpose(1, 2), g), One);
        for (long m = 0; m < members; m++)
        {
            using var slice = target[m];
            using var x = input[m];
            using var xt = x.t();
            using var gm = g[m];
            slice.addmm_(xt, gm);
        }
        return target;
    }
}

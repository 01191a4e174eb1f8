using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace NotebookExperiments.Estimators;

/// <summary>
/// The autograd node shared by all hard-sample estimators: forward returns the one-hot sample D unchanged, backward
/// returns <c>rule(θ, D, g, τ)</c> as the gradient of the logits (and nothing for D).
/// </summary>
internal sealed class StraightThroughFunction : SingleTensorFunction<StraightThroughFunction>
{
    public override string Name => nameof(StraightThroughFunction);

    /// <summary>Applies the node. <paramref name="perturbed"/> may be null.</summary>
    public static Tensor Apply(Tensor logits, Tensor sample, Tensor? perturbed, BackwardRule rule, double tau, Generator generator) =>
        apply(logits, sample, perturbed!, rule, tau, generator);

    public override Tensor forward(AutogradContext ctx, params object[] vars)
    {
        var logits = (Tensor)vars[0];
        var sample = (Tensor)vars[1];
        var perturbed = vars[2] as Tensor;
        ctx.save_for_backward([logits, sample, perturbed!]);
        ctx.save_data("rule", vars[3]);
        ctx.save_data("tau", vars[4]);
        ctx.save_data("generator", vars[5]);
        return sample.clone();
    }

    public override List<Tensor> backward(AutogradContext ctx, Tensor grad_output)
    {
        var saved = ctx.get_saved_variables();
        var rule = (BackwardRule)ctx.get_data("rule");
        var context = new BackwardContext(
            saved[0].detach(), saved[1], grad_output, (double)ctx.get_data("tau"), (Generator)ctx.get_data("generator"), saved[2]);
        var grad = rule(context);
        if (!grad.shape.SequenceEqual(saved[0].shape))
            throw new InvalidOperationException(
                $"A backward rule returned a gradient of shape [{string.Join(", ", grad.shape)}] for logits of shape [{string.Join(", ", saved[0].shape)}].");
        return [grad.to(saved[0].dtype), null!, null!, null!, null!, null!];
    }
}

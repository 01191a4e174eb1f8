using System.Runtime.ExceptionServices;
using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace NotebookExperiments.Estimators;

/// <summary>
/// The autograd node shared by all hard-sample estimators: forward returns the one-hot sample D unchanged, backward
/// returns <c>rule(θ, D, g, τ)</c> as the gradient of the logits (and nothing for D).
/// </summary>
/// <remarks>
/// The backward pass calls the rule from LibTorch's autograd engine, through native frames that a managed exception must
/// not cross (it would end the process). A failing rule therefore yields a NaN gradient, and the exception is kept for
/// the thread that ran the backward pass; <see cref="BackwardRuleErrors.ThrowIfAny"/> rethrows it (the library calls it
/// after every backward pass it runs). On CPU the engine runs the rule on the thread that called backward.
/// </remarks>
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
        var logits = saved[0];
        Tensor grad;
        try
        {
            var rule = (BackwardRule)ctx.get_data("rule");
            var context = new BackwardContext(
                logits.detach(), saved[1], grad_output, (double)ctx.get_data("tau"), (Generator)ctx.get_data("generator"), saved[2]);
            grad = rule(context);
            if (!grad.shape.SequenceEqual(logits.shape))
                throw new InvalidOperationException(
                    $"A backward rule returned a gradient of shape [{string.Join(", ", grad.shape)}] for logits of shape [{string.Join(", ", logits.shape)}].");
            grad = grad.to(logits.dtype);
        }
        catch (Exception e)
        {
            BackwardRuleErrors.Record(e);
            grad = full_like(logits, double.NaN);
        }
        return [grad, null!, null!, null!, null!, null!];
    }
}

/// <summary>Errors raised by backward rules during a backward pass, rethrown once the pass has returned.</summary>
public static class BackwardRuleErrors
{
    [ThreadStatic] private static ExceptionDispatchInfo? _pending;

    internal static void Record(Exception e) => _pending ??= ExceptionDispatchInfo.Capture(e);

    /// <summary>Rethrows (and forgets) the first error a backward rule raised on this thread since the last call.</summary>
    public static void ThrowIfAny()
    {
        var pending = _pending;
        _pending = null;
        pending?.Throw();
    }
}

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
/// not cross (it would end the process). A failing rule therefore yields a NaN gradient, and the exception is kept with the
/// node: forward captures the error sink of the thread that applies it (<see cref="BackwardRuleErrors"/>), and backward
/// records into that sink from whichever thread the engine runs it on (the caller's on CPU, a device thread with CUDA).
/// <see cref="BackwardRuleErrors.ThrowIfAny"/> on the forward's thread rethrows it (the library calls it after every
/// backward pass it runs).
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
        ctx.save_data("errors", BackwardRuleErrors.ForCurrentThread());
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
            ((BackwardRuleErrors.Sink)ctx.get_data("errors")).Record(e);
            grad = full_like(logits, double.NaN);
        }
        return [grad, null!, null!, null!, null!, null!];
    }
}

/// <summary>
/// Errors raised by backward rules during a backward pass, rethrown once the pass has returned. Each thread that applies
/// estimator nodes in a forward pass has one sink; the nodes carry it, so a rule that fails in a backward pass run on any
/// thread (LibTorch runs CUDA backward passes on device threads) is rethrown by <see cref="ThrowIfAny"/> on the thread
/// that built the graph.
/// </summary>
internal static class BackwardRuleErrors
{
    [ThreadStatic] private static Sink? _sink;

    /// <summary>The sink of the calling thread, made on first use; forward passes save it in their nodes.</summary>
    internal static Sink ForCurrentThread() => _sink ??= new Sink();

    /// <summary>
    /// Rethrows (and forgets) the first error a backward rule raised, since the last call, in a node that this thread
    /// applied, whichever thread ran the backward pass.
    /// </summary>
    public static void ThrowIfAny() => _sink?.ThrowIfAny();

    /// <summary>The first pending error of the nodes one thread applied; safe to record into from any thread.</summary>
    internal sealed class Sink
    {
        private ExceptionDispatchInfo? _pending;

        /// <summary>Keeps <paramref name="e"/> unless an earlier error is still pending.</summary>
        public void Record(Exception e) => Interlocked.CompareExchange(ref _pending, ExceptionDispatchInfo.Capture(e), null);

        /// <summary>Rethrows and forgets the pending error, if any.</summary>
        public void ThrowIfAny() => Interlocked.Exchange(ref _pending, null)?.Throw();
    }
}

// Your estimator, defined once: notebooks 04 and 05 load this file (`#load "your-estimator.csx"`, after their setup cell),
// register the rule below under its name and use its spec and title in every analysis they run. Edit the rule, the name, the
// temperature or the title here and run the notebooks again: results stored for a rule are keyed by a hash of its code, so an
// edited rule is trained and measured again under the same name, while the built-ins' stored results are reused.
#nullable enable
using NotebookExperiments.Estimators;
using static TorchSharp.torch;

/// <summary>
/// The estimator the notebooks add to the built-ins: a backward rule (π, D, g, τ) → ∂θ, where π = softmax(θ), D is the one-hot
/// sample, g = ∂f/∂D the upstream gradient and τ the temperature, all shaped <c>[..., L, C]</c> over the last dimension.
/// </summary>
/// <remarks>
/// The example is a tempered ZGR: ½[(1/τ) J(softmax(θ/τ)) g + (g_D − ⟨π, g⟩)(D − π)], ZGR with its straight-through half taken
/// at temperature τ (ZGR exactly at τ = 1). <see cref="SoftmaxJacobian.Vjp"/> gives J(p)g = p ⊙ (g − ⟨p, g⟩), never a C×C matrix.
/// </remarks>
static class YourEstimator
{
    /// <summary>The name that specs, stored units and the command line's <c>-e</c> use.</summary>
    public const string Name = "tempered-zgr";

    /// <summary>The title of its rows, lines and legend entries.</summary>
    public const string Title = "tempered ZGR (yours)";

    /// <summary>The temperature at which the −ELBO table and the bias/variance study run it (the temperature study sweeps τ).</summary>
    public const double Tau = 0.5;

    /// <summary>The backward rule.</summary>
    public static readonly BackwardRuleEstimator Rule = new(Name, (pi, d, g, tau) =>
    {
        var st = SoftmaxJacobian.Vjp(nn.functional.softmax(pi.log() / tau, -1), g) / tau;
        var darn = ((d * g).sum(-1, keepdim: true) - (pi * g).sum(-1, keepdim: true)) * (d - pi);
        return 0.5 * (st + darn);
    });

    /// <summary>Its spec at <see cref="Tau"/>, e.g. <c>tempered-zgr:tau=0.5</c>.</summary>
    public static string Spec => At(Tau);

    /// <summary>Its spec at temperature <paramref name="tau"/>.</summary>
    public static string At(double tau) => EstimatorCatalog.Default.WithTemperature(Name, tau);
}

EstimatorCatalog.Default.Register(YourEstimator.Rule, YourEstimator.Title);

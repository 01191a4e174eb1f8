using System.Text.Json.Serialization;
using static TorchSharp.torch;

namespace NotebookExperiments.Gradients;

/// <summary>
/// How N estimates of a logit gradient compare with the exact gradient: the bias and variance measures of Beyond ReinMax
/// (Fig. 1) and the ReinMax repository.
/// </summary>
/// <param name="Estimator">The estimator's spec string.</param>
/// <param name="Samples">N, the number of estimates.</param>
/// <param name="Cosine">Cosine similarity between the exact gradient and the mean estimate, both flattened over all elements
/// (the bias measure; 1 is unbiased up to Monte-Carlo error). NaN only when it is undefined: the mean estimate (or the exact
/// gradient) is exactly zero everywhere.</param>
/// <param name="RelativeStd">Relative standard deviation: for each example, <c>‖std‖_F / ‖mean‖_F</c> over its <c>[L, C]</c>
/// block (std = element-wise sample std over the N estimates), averaged over examples (as <c>get_sample_variance</c> in the
/// authors' code). An example whose estimates are all exactly zero (mean and std zero, as when a low-temperature softmax
/// saturates and its Jacobian vanishes in floating point) has no relative std (0/0): it is left out of the average and
/// counted in <paramref name="AllZeroExamples"/>. A zero mean with a non-zero spread stays +∞. NaN only when every example
/// is left out.</param>
/// <param name="Mse">Mean over estimates of the squared error to the exact gradient, <c>(1/N) Σ_n ‖ĝ_n − g*‖²</c>.</param>
/// <param name="ExactNorm">‖g*‖, the Frobenius norm of the exact gradient.</param>
/// <param name="MeanNorm">‖ḡ‖, the Frobenius norm of the mean estimate.</param>
/// <param name="AllZeroExamples">Examples whose N estimates are all exactly zero, left out of <paramref name="RelativeStd"/>.</param>
public sealed record GradientStatistics(
    [property: JsonPropertyName("estimator")] string Estimator,
    [property: JsonPropertyName("samples")] long Samples,
    [property: JsonPropertyName("cosine")] double Cosine,
    [property: JsonPropertyName("relative_std")] double RelativeStd,
    [property: JsonPropertyName("mse")] double Mse,
    [property: JsonPropertyName("exact_norm")] double ExactNorm,
    [property: JsonPropertyName("mean_norm")] double MeanNorm,
    [property: JsonPropertyName("all_zero_examples")] long AllZeroExamples = 0)
{
    /// <summary>
    /// The revision of these definitions, part of the parameters of the analyses that store statistics, so that results
    /// computed under an older definition (revision 1: NaN relative std as soon as one example had only zero estimates) are never
    /// reused.
    /// </summary>
    public const int Revision = 2;

    /// <summary>Compares summarised estimates <c>[...batch, L, C]</c> with the exact gradient of the same shape.</summary>
    public static GradientStatistics Compare(string estimator, GradientEstimates estimates, Tensor exact)
    {
        using var scope = NewDisposeScope();
        var truth = exact.detach().to(ScalarType.Float64).flatten();
        var mean = estimates.Mean.flatten();
        double exactNorm = truth.norm().item<double>();
        double meanNorm = mean.norm().item<double>();
        double cosine = exactNorm > 0 && meanNorm > 0 ? (truth * mean).sum().item<double>() / (exactNorm * meanNorm) : double.NaN;

        long block = estimates.Mean.shape[^1] * estimates.Mean.shape[^2];
        var stdRows = estimates.Std.reshape(-1, block).square().sum([1]).sqrt();
        var meanRows = estimates.Mean.reshape(-1, block).square().sum([1]).sqrt();
        var defined = (meanRows > 0).logical_or(stdRows > 0);
        long allZero = meanRows.numel() - defined.sum().item<long>();
        double relativeStd = allZero == meanRows.numel()
            ? double.NaN
            : (stdRows.masked_select(defined) / meanRows.masked_select(defined)).mean().item<double>();

        double mse = estimates.MeanSquaredError
            ?? throw new ArgumentException("The estimates were drawn without the exact gradient as reference; MSE is unknown.", nameof(estimates));
        return new GradientStatistics(estimator, estimates.Count, cosine, relativeStd, mse, exactNorm, meanNorm, allZero);
    }

    /// <summary>Draws N estimates and compares them with the exact gradient by enumeration.</summary>
    public static GradientStatistics Measure(Estimators.IGradientEstimator estimator, Tensor logits, Estimators.LatentObjective objective,
        int samples, Generator generator, long elementBudget = GradientSampler.DefaultElementBudget)
    {
        using var scope = NewDisposeScope();
        var (_, exact) = GradientSampler.Exact(logits, objective);
        var estimates = GradientSampler.Sample(estimator, logits, objective, samples, generator, exact, elementBudget);
        return Compare(estimator.Spec, estimates, exact);
    }
}

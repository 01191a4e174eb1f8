namespace NotebookExperiments.Statistics;

/// <summary>
/// Welch's t test of two means with unequal variances, two-sided, and its one-sample limit.
/// </summary>
/// <remarks>
/// <para>Two means x̄₁, x̄₂ with standard errors e₁ = s₁/√n₁, e₂ = s₂/√n₂ (<see cref="MeanEstimate"/>):
/// t = (x̄₁ − x̄₂) / √(e₁² + e₂²), with the Welch–Satterthwaite degrees of freedom
/// ν = (e₁² + e₂²)² / (e₁⁴/(n₁ − 1) + e₂⁴/(n₂ − 1)); the difference is significant at confidence 1 − α when
/// |t| &gt; t<sub>ν</sub>(1 − α/2) (<see cref="StudentTDistribution"/>, MathNet.Numerics). ν lies between min(n₁, n₂) − 1 and
/// n₁ + n₂ − 2, so with two values on a side it can fall near 1, where the 95 % point is 12.7: a fixed |z| ≤ 2 would be far too
/// strict there.</para>
/// <para>When one side has no spread (e₂ = 0: a constant, or a reference known exactly), ν = n₁ − 1 and the test is the one-sample
/// t test of <see cref="OneSample"/>.</para>
/// </remarks>
public static class WelchTest
{
    /// <summary>The confidence of the verdicts: 95 %, two-sided.</summary>
    public const double DefaultConfidence = 0.95;

    /// <summary>Welch's test of <paramref name="first"/> − <paramref name="second"/>.</summary>
    /// <exception cref="ArgumentException">A side without a standard error (fewer than two values, or none given), a non-finite mean, or
    /// no spread on either side (the difference has no standard error).</exception>
    public static TTest Compare(MeanEstimate first, MeanEstimate second, double confidence = DefaultConfidence)
    {
        Require(first, nameof(first));
        Require(second, nameof(second));
        double v1 = first.StandardError * first.StandardError, v2 = second.StandardError * second.StandardError;
        double variance = v1 + v2;
        if (!(variance > 0)) throw new ArgumentException("Neither mean has any spread: the difference has no standard error.", nameof(second));
        double df = variance * variance / (v1 * v1 / (first.Count - 1) + v2 * v2 / (second.Count - 1));
        return Test((first.Mean - second.Mean) / Math.Sqrt(variance), df, confidence);
    }

    /// <summary>The one-sample t test of <paramref name="sample"/>'s mean against a value taken as exact: t = (x̄ − μ₀) / e, ν = n − 1.</summary>
    /// <exception cref="ArgumentException">No standard error, no spread, or a non-finite mean or reference.</exception>
    public static TTest OneSample(MeanEstimate sample, double reference, double confidence = DefaultConfidence)
    {
        Require(sample, nameof(sample));
        if (!double.IsFinite(reference)) throw new ArgumentException($"The reference {reference} is not finite.", nameof(reference));
        if (!(sample.StandardError > 0)) throw new ArgumentException("The sample has no spread: its mean has no standard error.", nameof(sample));
        return Test((sample.Mean - reference) / sample.StandardError, sample.Count - 1, confidence);
    }

    private static TTest Test(double t, double df, double confidence) =>
        new(t, df, StudentTDistribution.TwoSidedCriticalValue(df, confidence), StudentTDistribution.TwoSidedPValue(t, df), confidence);

    private static void Require(MeanEstimate estimate, string name)
    {
        if (!double.IsFinite(estimate.Mean)) throw new ArgumentException($"The mean {estimate.Mean} is not finite.", name);
        if (!estimate.HasStandardError)
            throw new ArgumentException(estimate.Count < 2
                ? $"A mean over {estimate.Count} value{(estimate.Count == 1 ? "" : "s")} has no standard error: a t test needs two or more."
                : "The standard error is not given.", name);
    }
}

namespace NotebookExperiments.Analyses;

/// <summary>
/// How far below 1 the cosine of a mean of N estimates falls through their spread alone. With ḡ the mean of N estimates whose
/// covariance is Σ and g the exact gradient, E‖ḡ‖² = ‖E ĝ‖² + tr Σ / N while E⟨ḡ, g⟩ = ⟨E ĝ, g⟩, so the cosine of an
/// unbiased estimator's mean is about 1 − tr Σ / (2 N ‖ḡ‖²) rather than 1 (to first order in tr Σ / (N ‖ḡ‖²)); a biased
/// estimator's cosine is pulled down by at most as much. The stored statistics give tr Σ without the estimates: the MSE
/// (1/N) Σ‖ĝ_n − g‖² is ‖ḡ − g‖² plus the estimates' mean squared deviation S around ḡ, and tr Σ ≈ S N / (N − 1).
/// </summary>
internal static class MonteCarloShortfall
{
    /// <summary>tr Σ̂ / (2 N ‖ḡ‖²) from one point's statistics; NaN when a statistic is missing.</summary>
    /// <param name="cosine">cos(ḡ, g).</param>
    /// <param name="mse">(1/N) Σ‖ĝ_n − g‖².</param>
    /// <param name="exactNorm">‖g‖.</param>
    /// <param name="meanNorm">‖ḡ‖.</param>
    /// <param name="samples">N.</param>
    public static double Of(double cosine, double mse, double exactNorm, double meanNorm, long samples)
    {
        if (!(double.IsFinite(cosine) && double.IsFinite(mse) && exactNorm > 0 && meanNorm > 0 && samples > 1)) return double.NaN;
        double biasSquared = meanNorm * meanNorm + exactNorm * exactNorm - 2 * cosine * meanNorm * exactNorm;
        double spread = Math.Max(0, mse - biasSquared) * samples / (samples - 1);
        return spread / (2.0 * samples * meanNorm * meanNorm);
    }
}

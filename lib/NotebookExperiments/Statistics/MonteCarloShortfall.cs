namespace NotebookExperiments.Statistics;

/// <summary>
/// How far below 1 the cosine of a mean of N estimates falls through their spread alone. With ḡ the mean of N estimates whose
/// covariance is Σ and g the exact gradient, E‖ḡ‖² = ‖E ĝ‖² + tr Σ / N while E⟨ḡ, g⟩ = ⟨E ĝ, g⟩, so the cosine of an
/// unbiased estimator's mean is about 1 − tr Σ / (2 N ‖ḡ‖²) rather than 1 (to first order in tr Σ / (N ‖ḡ‖²)); a biased
/// estimator's cosine is pulled down by at most as much. The stored statistics give tr Σ without the estimates: the MSE
/// (1/N) Σ‖ĝ_n − g‖² is ‖ḡ − g‖² plus the estimates' mean squared deviation S around ḡ, and tr Σ ≈ S N / (N − 1).
/// </summary>
/// <remarks>
/// The shortfall is systematic. The cosine also moves at random from one set of N draws to another; to first order its standard
/// error is √(uᵀ Σ u / N) with u = (ĝ − cos·ḡ/‖ḡ‖)/‖ḡ‖ (ĝ = g/‖g‖) of norm sin θ / ‖ḡ‖, which the stored statistics bound only in the
/// worst direction, uᵀ Σ u ≤ tr Σ ‖u‖²: <see cref="StandardErrorBound"/> = sin θ √(tr Σ / N) / ‖ḡ‖ = sin θ √(2 × shortfall). The bound
/// is loose where Σ spreads over many directions, but it holds whatever Σ is; in the bias/variance study ZGR and ReinMax (τ = 1),
/// one estimator drawn twice with 256 estimates, differed by up to 0.095 in cosine where their shortfalls were 0.03 each.
/// </remarks>
internal static class MonteCarloShortfall
{
    /// <summary>sin θ √(2 × <paramref name="shortfall"/>), the first-order bound on the standard error of a cosine (see the remarks).</summary>
    public static double StandardErrorBound(double cosine, double shortfall) =>
        double.IsFinite(cosine) && double.IsFinite(shortfall) ? Math.Sqrt(Math.Max(0, 1 - cosine * cosine)) * Math.Sqrt(2 * shortfall) : double.NaN;

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

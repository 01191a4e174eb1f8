namespace NotebookExperiments.Statistics;

/// <summary>
/// The mean of paired differences a_s − b_s over seeds s (two estimators measured on the same model and batch of each seed), with
/// its standard error and the two-sided 95 % confidence interval from Student's t with n − 1 degrees of freedom.
/// </summary>
/// <param name="Count">n, the seeds with both values finite.</param>
/// <param name="Mean">The mean difference (NaN when n = 0).</param>
/// <param name="StandardError">sd/√n with the sample sd (n − 1); NaN when n &lt; 2.</param>
internal sealed record PairedDifference(int Count, double Mean, double StandardError)
{
    /// <summary>The two-sided confidence level of <see cref="Lower"/> and <see cref="Upper"/>.</summary>
    public const double Level = 0.95;

    /// <summary>The 97.5 % point of Student's t with n − 1 degrees of freedom; NaN when n &lt; 2.</summary>
    public double Quantile => Count < 2 ? double.NaN : StudentTDistribution.TwoSidedCriticalValue(Count - 1, Level);

    /// <summary>The lower end of the 95 % interval (NaN when n &lt; 2).</summary>
    public double Lower => Mean - Quantile * StandardError;

    /// <summary>The upper end of the 95 % interval (NaN when n &lt; 2).</summary>
    public double Upper => Mean + Quantile * StandardError;

    /// <summary>Whether the interval lies entirely above zero (a &gt; b at the 95 % level); false when it is undefined.</summary>
    public bool Positive => Lower > 0;

    /// <summary>Whether the interval lies entirely below zero (a &lt; b at the 95 % level); false when it is undefined.</summary>
    public bool Negative => Upper < 0;

    /// <summary>The differences of the pairs whose two values are both finite.</summary>
    public static PairedDifference Of(IEnumerable<(double A, double B)> pairs)
    {
        var d = SampleStatistics.Of(pairs.Where(p => double.IsFinite(p.A) && double.IsFinite(p.B)).Select(p => p.A - p.B).ToList());
        return new PairedDifference(d.Count, d.Mean, d.StandardError);
    }
}

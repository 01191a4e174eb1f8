namespace NotebookExperiments.Statistics;

/// <summary>
/// The mean of a few values — final losses or gradient statistics over seeds — with their spread: the sample standard deviation
/// s = √(Σ(xᵢ − x̄)² / (n − 1)) (Bessel's correction) and the standard error of the mean s/√n.
/// </summary>
/// <remarks>
/// The arithmetic is fixed, so that every number written from it stays the same bit for bit: x̄ is LINQ's
/// <see cref="Enumerable.Average(IEnumerable{double})"/> of the values in their order, s is the square root of the sum of the
/// squared deviations (in the same order) divided by n − 1, and the standard error is s / √n. Callers pass the values they mean to
/// summarise (finite ones: a diverged run is left out, and counted, by the caller).
/// </remarks>
/// <param name="Count">How many values (n).</param>
/// <param name="Mean">Their mean x̄; NaN when there are none.</param>
/// <param name="StandardDeviation">The sample standard deviation s (n − 1); NaN for fewer than two values, where a spread is undefined.</param>
public sealed record SampleStatistics(int Count, double Mean, double StandardDeviation)
{
    /// <summary>The standard error of the mean, s/√n; NaN for fewer than two values.</summary>
    public double StandardError => Count < 2 ? double.NaN : StandardDeviation / Math.Sqrt(Count);

    /// <summary>The mean with its standard error and count, as the t tests take it (<see cref="WelchTest"/>).</summary>
    public MeanEstimate Estimate => new(Mean, StandardError, Count);

    /// <summary>Summarises <paramref name="values"/> (all of them, in their order).</summary>
    public static SampleStatistics Of(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int n = values.Count;
        if (n == 0) return new SampleStatistics(0, double.NaN, double.NaN);
        double mean = values.Average();
        double sd = n < 2 ? double.NaN : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        return new SampleStatistics(n, mean, sd);
    }
}

namespace NotebookExperiments.Charts;

/// <summary>Mean and spread of a few values (final losses or gradient statistics over seeds).</summary>
/// <param name="Count">How many values.</param>
/// <param name="Mean">Their mean; NaN when there are none.</param>
/// <param name="StandardDeviation">Sample standard deviation (Bessel's correction, n − 1); NaN for fewer than two values.</param>
internal sealed record SampleSummary(int Count, double Mean, double StandardDeviation)
{
    /// <summary>The standard error of the mean, sd/√n; NaN for fewer than two values.</summary>
    public double StandardError => Count < 2 ? double.NaN : StandardDeviation / Math.Sqrt(Count);

    /// <summary>Summarises the values.</summary>
    public static SampleSummary Of(IReadOnlyCollection<double> values)
    {
        int n = values.Count;
        if (n == 0) return new SampleSummary(0, double.NaN, double.NaN);
        double mean = values.Average();
        double sd = n < 2 ? double.NaN : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        return new SampleSummary(n, mean, sd);
    }
}

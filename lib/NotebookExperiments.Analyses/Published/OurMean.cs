using NotebookExperiments.Statistics;

namespace NotebookExperiments.Published;

/// <summary>
/// Our side of a comparison with a published number: the mean over the runs (or seeds) that gave a finite value, its standard
/// error, how many there were, and how many were left out and why — counted from the results, not from the seeds planned.
/// </summary>
/// <param name="Mean">The mean over the finite values (NaN when there are none).</param>
/// <param name="StandardError">Its standard error s/√n (sample sd, n − 1); NaN for fewer than two values.</param>
/// <param name="Count">How many values the mean is over (n): runs that ended with a finite value.</param>
/// <param name="LeftOut">How many runs were left out of the mean (diverged, or without a finite value).</param>
/// <param name="Unit">What a value is, in the singular: <c>run</c> or <c>seed</c>.</param>
/// <param name="LeftOutBecause">Why they were left out, a phrase that follows "2 of 10 runs": <c>diverged</c>, <c>gave no finite cosine</c>.</param>
public sealed record OurMean(double Mean, double StandardError, int Count, int LeftOut = 0, string Unit = "run", string LeftOutBecause = "diverged")
{
    /// <summary>Our mean from the statistics of the finite values, with those left out.</summary>
    public static OurMean Of(SampleStatistics finite, int leftOut = 0, string unit = "run", string leftOutBecause = "diverged")
    {
        ArgumentNullException.ThrowIfNull(finite);
        return new OurMean(finite.Mean, finite.StandardError, finite.Count, leftOut, unit, leftOutBecause);
    }

    /// <summary>The mean with its standard error, for a t test.</summary>
    public MeanEstimate Estimate => new(Mean, StandardError, Count);

    /// <summary>The runs left out, e.g. <c>2 of 10 runs diverged and are left out</c>; null when none was.</summary>
    public string? LeftOutText() => LeftOut == 0 ? null
        : $"{LeftOut} of {Count + LeftOut} {Plural(Count + LeftOut)} {LeftOutBecause} and {(LeftOut == 1 ? "is" : "are")} left out";

    /// <summary>A count of units: <c>1 run</c>, <c>3 seeds</c>.</summary>
    internal string Units(int count) => $"{count} {(count == 1 ? Unit : Plural(count))}";

    private string Plural(int count) => count == 1 ? Unit : Unit + "s";
}

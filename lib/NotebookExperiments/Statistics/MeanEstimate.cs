namespace NotebookExperiments.Statistics;

/// <summary>
/// A mean over <see cref="Count"/> independent values with its standard error s/√n (s: the sample standard deviation, n − 1): what a
/// t test needs of each side (<see cref="WelchTest"/>).
/// </summary>
/// <param name="Mean">The mean.</param>
/// <param name="StandardError">Its standard error, s/√n; NaN when unknown (one value, or a source that gives none).</param>
/// <param name="Count">How many values the mean is over (n).</param>
public readonly record struct MeanEstimate(double Mean, double StandardError, int Count)
{
    /// <summary>Whether the standard error is known: finite and not negative, over at least two values.</summary>
    public bool HasStandardError => Count >= 2 && double.IsFinite(StandardError) && StandardError >= 0;
}

namespace NotebookExperiments.Published;

/// <summary>A published number: a mean over seeds and its standard error, as the authors' result files give them.</summary>
/// <param name="Mean">The mean over seeds.</param>
/// <param name="StandardError">Its standard error (sd/√n over seeds); NaN where the source gives none — never 0 for "not given".</param>
/// <param name="Seeds">How many seeds the mean is over.</param>
public sealed record PublishedValue(double Mean, double StandardError, int Seeds)
{
    /// <summary>Whether the source gives a standard error.</summary>
    public bool HasStandardError => double.IsFinite(StandardError);
}

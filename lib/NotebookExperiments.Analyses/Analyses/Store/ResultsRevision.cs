namespace NotebookExperiments.Analyses;

/// <summary>
/// The revision of the code that computes stored results: the estimators, the VAE, the trainer and the gradient statistics.
/// Every units file records the revision it was written under, and a store reads only the files of the current one, so that
/// a unit computed by other code is never reused.
/// </summary>
/// <remarks>
/// <c>ResultsRevisionTests</c> pins a digest of numbers that this code computes (every built-in estimator's backward pass on a
/// fixed problem, a few training steps of every optimiser, gradient statistics) for each revision. A change that moves any of
/// those numbers fails the test, which then says to increase <see cref="Current"/> and to record the new digest beside it.
/// </remarks>
public static class ResultsRevision
{
    /// <summary>The current revision.</summary>
    public const int Current = 1;
}

namespace NotebookExperiments.Charts;

/// <summary>Footnote lines that say what an estimator in a figure is where its name alone could mislead.</summary>
public static class EstimatorNotes
{
    /// <summary>
    /// The note on ReinMax-CV: the control variate drawn here is the conditional one (its single Gumbel-Softmax noise drawn from
    /// the same conditional law as the Gumbel-Rao samples, so it has mean zero given D and ReinMax-CV keeps ReinMax(τ = 1)'s
    /// expectation), not the authors' code's, whose control variate is not mean-zero (docs/estimators.md, A.11).
    /// </summary>
    public const string ReinMaxCv =
        "ReinMax-CV: our conditional control variate (GS noise drawn given D, mean zero: ReinMax(τ=1)'s expectation is kept), " +
        "not the authors' biased one.";

    /// <summary>The notes for the estimators titled <paramref name="titles"/> (each note once).</summary>
    public static IReadOnlyList<string> For(IEnumerable<string> titles)
    {
        var notes = new List<string>();
        if (titles.Any(t => t.StartsWith("ReinMax-CV", StringComparison.Ordinal))) notes.Add(ReinMaxCv);
        return notes;
    }
}

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

    /// <summary>
    /// The note on the authors' variants of ReinMax-CV (<c>cv=forward</c>, <c>cv=code</c>): their control variate is not mean-zero
    /// given D, so their expectation is not ReinMax(τ = 1)'s (docs/estimators.md, A.11, D.3).
    /// </summary>
    public const string ReinMaxCvAuthors =
        "ReinMax-CV (authors' …): the authors' control variate (forward noise reused at θ_D, or their code's literal form), " +
        "not mean-zero given D: the expectation differs from ReinMax(τ=1)'s.";

    /// <summary>
    /// The note on RF(M): REINFORCE with the leave-one-out baseline is unbiased and pays for it with M evaluations of the
    /// objective per estimate, where every other estimator of the figures makes one (docs/estimators.md, A.2).
    /// </summary>
    public const string ReinforceLeaveOneOut =
        "RF(M): REINFORCE with a leave-one-out baseline, unbiased, M decoder passes per estimate (the others: one).";

    /// <summary>The title prefix of the authors' variants of ReinMax-CV.</summary>
    private const string AuthorsVariant = "ReinMax-CV (authors'";

    /// <summary>The notes for the estimators titled <paramref name="titles"/> (each note once).</summary>
    public static IReadOnlyList<string> For(IEnumerable<string> titles)
    {
        var all = titles.ToList();
        var cv = all.Where(t => t.StartsWith("ReinMax-CV", StringComparison.Ordinal)).ToList();
        var notes = new List<string>();
        if (cv.Any(t => !t.StartsWith(AuthorsVariant, StringComparison.Ordinal))) notes.Add(ReinMaxCv);
        if (cv.Any(t => t.StartsWith(AuthorsVariant, StringComparison.Ordinal))) notes.Add(ReinMaxCvAuthors);
        if (all.Any(t => t.StartsWith("RF(", StringComparison.Ordinal))) notes.Add(ReinforceLeaveOneOut);
        return notes;
    }
}

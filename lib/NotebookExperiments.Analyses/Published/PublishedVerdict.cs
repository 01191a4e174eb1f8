namespace NotebookExperiments.Published;

/// <summary>How a result of ours stands beside a published number (<see cref="PublishedComparison"/>).</summary>
public enum PublishedVerdict
{
    /// <summary>Comparable, and the two-sided t test at 95 % finds no significant difference (Welch's t, or the one-sample t on ours
    /// where the source gives no standard error).</summary>
    NoSignificantDifference,

    /// <summary>Comparable, and the test finds a significant difference at 95 %.</summary>
    SignificantDifference,

    /// <summary>A number is published, but ours comes from another protocol or budget, or has no standard error (fewer than two
    /// finite runs).</summary>
    NotComparable,

    /// <summary>Nothing is published for this result (ReinMax-CV, a row of your own, another configuration, an unpublished epoch).</summary>
    NotPublished,
}

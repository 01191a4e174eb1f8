namespace NotebookExperiments.Published;

/// <summary>How a result of ours stands beside a published number (<see cref="PublishedComparison"/>).</summary>
public enum PublishedVerdict
{
    /// <summary>Comparable, and |z| ≤ 2: the two agree within two combined standard errors.</summary>
    WithinTwoStandardErrors,

    /// <summary>Comparable, and |z| &gt; 2.</summary>
    Farther,

    /// <summary>A number is published, but ours comes from another protocol or budget, or has no standard error.</summary>
    NotComparable,

    /// <summary>Nothing is published for this result (ReinMax-CV, a row of your own, another configuration).</summary>
    NotPublished,
}

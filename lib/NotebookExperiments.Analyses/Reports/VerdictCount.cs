using Microsoft.Data.Analysis;
using NotebookExperiments.Published;

namespace NotebookExperiments.Reports;

/// <summary>
/// How many compared cells got each verdict (<see cref="PublishedComparison"/>), counted from a comparison frame with a
/// <c>verdict</c> column (<see cref="Analyses.ElboTableReport.Comparison"/>, the −ELBO table's <c>comparison.csv</c>).
/// </summary>
/// <param name="Within">Cells within 2 s.e. of the published number.</param>
/// <param name="Farther">Cells farther.</param>
/// <param name="NotComparable">Cells with a published number but run at another protocol or budget, or without a standard error.</param>
/// <param name="NotPublished">Cells with no published number.</param>
public sealed record VerdictCount(int Within, int Farther, int NotComparable, int NotPublished)
{
    /// <summary>All cells.</summary>
    public int Cells => Within + Farther + NotComparable + NotPublished;

    /// <summary>The counts of <paramref name="comparison"/>'s <c>verdict</c> column, or null when it has none.</summary>
    public static VerdictCount? Of(DataFrame comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        if (comparison.Columns.IndexOf("verdict") < 0) return null;
        var verdicts = comparison["verdict"].Cast<object?>().Select(v => v as string).ToList();
        int Count(PublishedVerdict verdict) => verdicts.Count(v => v == PublishedComparison.Label(verdict));
        return new VerdictCount(Count(PublishedVerdict.WithinTwoStandardErrors), Count(PublishedVerdict.Farther),
            Count(PublishedVerdict.NotComparable), Count(PublishedVerdict.NotPublished));
    }

    /// <summary>One line, e.g. <c>12 of 42 cells within 2 s.e., 3 farther, 27 not comparable</c> (a count of 0 is left out, but for the first).</summary>
    public string Describe()
    {
        var parts = new List<string> { $"{Within} of {Cells} cells {PublishedComparison.Label(PublishedVerdict.WithinTwoStandardErrors)}" };
        if (Farther > 0) parts.Add($"{Farther} {PublishedComparison.Label(PublishedVerdict.Farther)}");
        if (NotComparable > 0) parts.Add($"{NotComparable} {PublishedComparison.Label(PublishedVerdict.NotComparable)}");
        if (NotPublished > 0) parts.Add($"{NotPublished} {PublishedComparison.Label(PublishedVerdict.NotPublished)}");
        return string.Join(", ", parts);
    }
}

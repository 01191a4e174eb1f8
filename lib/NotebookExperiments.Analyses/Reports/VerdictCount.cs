using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Published;

namespace NotebookExperiments.Reports;

/// <summary>
/// How many results got each verdict (<see cref="PublishedComparison"/>), counted from a comparison frame with a <c>verdict</c>
/// column: an analysis's <c>comparison.csv</c> (the −ELBO table's cells, the β sweep's points, the cosines' points).
/// </summary>
/// <param name="NoDifference">Compared, with no significant difference from the published number (Welch's t, 95 %).</param>
/// <param name="Different">Compared, with a significant difference.</param>
/// <param name="NotComparable">With a published number but run at another protocol or budget, or without a standard error.</param>
/// <param name="NotPublished">With no published number.</param>
/// <param name="Noun">What a result is, in the plural: <c>cells</c> (the −ELBO table) or <c>points</c>.</param>
public sealed record VerdictCount(int NoDifference, int Different, int NotComparable, int NotPublished, string Noun = "cells")
{
    /// <summary>All results.</summary>
    public int Cells => NoDifference + Different + NotComparable + NotPublished;

    /// <summary>The results compared with a t test.</summary>
    public int Compared => NoDifference + Different;

    /// <summary>The counts of <paramref name="comparison"/>'s <c>verdict</c> column, or null when it has none.</summary>
    /// <param name="comparison">The comparison frame.</param>
    /// <param name="noun">What a row is, in the plural (<c>cells</c>, <c>points</c>).</param>
    public static VerdictCount? Of(DataFrame comparison, string noun = "cells")
    {
        ArgumentNullException.ThrowIfNull(comparison);
        if (comparison.Columns.IndexOf("verdict") < 0) return null;
        var verdicts = comparison[Columns.Verdict].Cast<object?>().Select(v => v as string).ToList();
        int Count(PublishedVerdict verdict) => verdicts.Count(v => v == PublishedComparison.Label(verdict));
        return new VerdictCount(Count(PublishedVerdict.NoSignificantDifference), Count(PublishedVerdict.SignificantDifference),
            Count(PublishedVerdict.NotComparable), Count(PublishedVerdict.NotPublished), noun);
    }

    /// <summary>
    /// One line. Something compared: <c>12 of 42 cells compared (Welch's t, 95 %): 10 no significant difference, 2 significant
    /// difference; 27 not comparable, 3 not published</c> (a count of 0 is left out after the colon). Nothing compared:
    /// <c>not compared (quick preset): 16 cells</c> when <paramref name="preset"/> names a preset that is not the paper's protocol,
    /// else <c>none of 16 cells compared: 14 not comparable, 2 not published</c>.
    /// </summary>
    /// <param name="preset">The preset of a run that is not at the paper's protocol, or null.</param>
    public string Describe(string? preset = null)
    {
        if (Compared == 0 && preset is not null) return $"not compared ({preset} preset): {Count(Cells)}";
        var rest = new List<string>();
        if (NotComparable > 0) rest.Add($"{NotComparable} {PublishedComparison.Label(PublishedVerdict.NotComparable)}");
        if (NotPublished > 0) rest.Add($"{NotPublished} {PublishedComparison.Label(PublishedVerdict.NotPublished)}");
        if (Compared == 0) return $"none of {Count(Cells)} compared" + (rest.Count > 0 ? ": " + string.Join(", ", rest) : "");
        var tested = new List<string>();
        if (NoDifference > 0) tested.Add($"{NoDifference} {PublishedComparison.Label(PublishedVerdict.NoSignificantDifference)}");
        if (Different > 0) tested.Add($"{Different} {PublishedComparison.Label(PublishedVerdict.SignificantDifference)}");
        return $"{Compared} of {Count(Cells)} compared (Welch's t, 95 %): {string.Join(", ", tested)}" + (rest.Count > 0 ? "; " + string.Join(", ", rest) : "");
    }

    /// <summary>
    /// The line an analysis prints after a run about its <c>comparison.csv</c>, e.g. <c>Against the published numbers (comparison.csv):
    /// not compared (quick preset): 13 points.</c>
    /// </summary>
    /// <param name="comparison">The comparison frame.</param>
    /// <param name="noun">What a row is, in the plural.</param>
    /// <param name="preset">The preset run.</param>
    /// <param name="paperProtocol">Whether the parameters are the paper's protocol.</param>
    public static string Note(DataFrame comparison, string noun, string preset, bool? paperProtocol) =>
        $"Against the published numbers (comparison.csv): {(Of(comparison, noun) ?? throw new ArgumentException("The frame has no verdict column.", nameof(comparison))).Describe(paperProtocol == true ? null : preset)}.";

    /// <inheritdoc />
    public override string ToString() => Describe();

    private string Count(int n) => n == 1 && Noun.EndsWith('s') ? $"1 {Noun[..^1]}" : $"{n} {Noun}";
}

using Microsoft.Data.Analysis;

namespace NotebookExperiments.Published;

/// <summary>
/// The columns every comparison frame (<c>comparison.csv</c>) ends with, one row per result of ours: <c>published_mean</c>,
/// <c>published_se</c> (as the source gives it), <c>published_seeds</c> (NaN, NaN and 0 when nothing is published), <c>t</c>,
/// <c>df</c>, <c>p</c> (NaN unless compared: <see cref="PublishedComparison"/>), <c>verdict</c> (<see cref="PublishedComparison.Label"/>),
/// <c>detail</c> (<see cref="PublishedComparison.Describe"/>) and <c>source</c> (<see cref="PublishedValue.Citation"/>, empty when
/// nothing is published).
/// </summary>
internal static class ComparisonColumns
{
    /// <summary>The names of the columns, in order.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["published_mean", "published_se", "published_seeds", "t", "df", "p", "verdict", "detail", "source"];

    /// <summary>The columns for <paramref name="published"/> and <paramref name="verdicts"/>, row by row.</summary>
    public static IEnumerable<DataFrameColumn> Of(IReadOnlyList<PublishedValue?> published, IReadOnlyList<PublishedComparison> verdicts)
    {
        if (published.Count != verdicts.Count) throw new ArgumentException("One published value (or null) per verdict.", nameof(verdicts));
        return
        [
            new DoubleDataFrameColumn("published_mean", published.Select(p => p?.Mean ?? double.NaN)),
            new DoubleDataFrameColumn("published_se", published.Select(p => p?.StandardError ?? double.NaN)),
            new Int32DataFrameColumn("published_seeds", published.Select(p => p?.Seeds ?? 0)),
            new DoubleDataFrameColumn("t", verdicts.Select(v => v.Test?.T ?? double.NaN)),
            new DoubleDataFrameColumn("df", verdicts.Select(v => v.Test?.DegreesOfFreedom ?? double.NaN)),
            new DoubleDataFrameColumn("p", verdicts.Select(v => v.Test?.PValue ?? double.NaN)),
            new StringDataFrameColumn("verdict", verdicts.Select(v => PublishedComparison.Label(v.Verdict))),
            new StringDataFrameColumn("detail", verdicts.Select(v => v.Describe())),
            new StringDataFrameColumn("source", published.Select(p => p?.Citation() ?? "")),
        ];
    }
}

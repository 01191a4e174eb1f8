using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;

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
    /// <summary>The columns for <paramref name="published"/> and <paramref name="verdicts"/>, row by row.</summary>
    public static IEnumerable<DataFrameColumn> Of(IReadOnlyList<PublishedValue?> published, IReadOnlyList<PublishedComparison> verdicts)
    {
        if (published.Count != verdicts.Count) throw new ArgumentException("One published value (or null) per verdict.", nameof(verdicts));
        return
        [
            new DoubleDataFrameColumn(Columns.PublishedMean, published.Select(p => p?.Mean ?? double.NaN)),
            new DoubleDataFrameColumn(Columns.PublishedSe, published.Select(p => p?.StandardError ?? double.NaN)),
            new Int32DataFrameColumn(Columns.PublishedSeeds, published.Select(p => p?.Seeds ?? 0)),
            new DoubleDataFrameColumn(Columns.T, verdicts.Select(v => v.Test?.T ?? double.NaN)),
            new DoubleDataFrameColumn(Columns.Df, verdicts.Select(v => v.Test?.DegreesOfFreedom ?? double.NaN)),
            new DoubleDataFrameColumn(Columns.P, verdicts.Select(v => v.Test?.PValue ?? double.NaN)),
            new StringDataFrameColumn(Columns.Verdict, verdicts.Select(v => PublishedComparison.Label(v.Verdict))),
            new StringDataFrameColumn(Columns.Detail, verdicts.Select(v => v.Describe())),
            new StringDataFrameColumn(Columns.Source, published.Select(p => p?.Citation() ?? "")),
        ];
    }
}

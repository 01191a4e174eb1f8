using Microsoft.Data.Analysis;
using NotebookExperiments.Gradients;

namespace NotebookExperiments.Analyses;

/// <summary>
/// Gradient statistics (<see cref="GradientStatistics"/>) as table columns: the one place that says how each statistic becomes a
/// column, named by <see cref="Columns"/>, for every analysis, notebook and command that tabulates them.
/// </summary>
public static class GradientStatisticsTable
{
    /// <summary>
    /// One row per statistic: <c>estimator</c> (spec), <c>samples</c>, <c>cosine</c>, <c>relative_std</c>, <c>mse</c>,
    /// <c>exact_norm</c>, <c>mean_norm</c>, <c>all_zero_examples</c> (see <see cref="GradientStatistics"/> for each definition).
    /// </summary>
    public static DataFrame ToDataFrame(IEnumerable<GradientStatistics> statistics) => new(Of(statistics.ToList(), Columns.Estimator, Columns.Samples,
        Columns.Cosine, Columns.RelativeStd, Columns.Mse, Columns.ExactNorm, Columns.MeanNorm, Columns.AllZeroExamples));

    /// <summary>The columns <paramref name="names"/> of <paramref name="rows"/>, in that order (counts as 64-bit integers, as in <see cref="GradientStatistics"/>).</summary>
    /// <exception cref="ArgumentException">A name that is not a field of <see cref="GradientStatistics"/>.</exception>
    public static IEnumerable<DataFrameColumn> Of(IReadOnlyList<GradientStatistics> rows, params string[] names) => names.Select(name => name switch
    {
        Columns.Estimator => new StringDataFrameColumn(name, rows.Select(r => r.Estimator)),
        Columns.Samples => new Int64DataFrameColumn(name, rows.Select(r => r.Samples)),
        Columns.AllZeroExamples => new Int64DataFrameColumn(name, rows.Select(r => r.AllZeroExamples)),
        _ => (DataFrameColumn)new DoubleDataFrameColumn(name, rows.Select(r => name switch
        {
            Columns.Cosine => r.Cosine,
            Columns.RelativeStd => r.RelativeStd,
            Columns.Mse => r.Mse,
            Columns.ExactNorm => r.ExactNorm,
            Columns.MeanNorm => r.MeanNorm,
            _ => throw new ArgumentException($"{name} is not a gradient statistic.", nameof(names)),
        })),
    }).ToList();
}

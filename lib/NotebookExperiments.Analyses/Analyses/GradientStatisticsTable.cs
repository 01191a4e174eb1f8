using Microsoft.Data.Analysis;
using NotebookExperiments.Gradients;

namespace NotebookExperiments.Analyses;

/// <summary>Gradient statistics as a table, one row per estimator, for notebooks and reports.</summary>
public static class GradientStatisticsTable
{
    /// <summary>
    /// Columns: <c>estimator</c> (spec), <c>samples</c>, <c>cosine</c>, <c>relative_std</c>, <c>mse</c>, <c>exact_norm</c>,
    /// <c>mean_norm</c>, <c>all_zero_examples</c> (see <see cref="GradientStatistics"/> for each definition).
    /// </summary>
    public static DataFrame ToDataFrame(IEnumerable<GradientStatistics> statistics)
    {
        var rows = statistics.ToList();
        return new DataFrame(
            new StringDataFrameColumn("estimator", rows.Select(r => r.Estimator)),
            new Int64DataFrameColumn("samples", rows.Select(r => (long)r.Samples)),
            new DoubleDataFrameColumn("cosine", rows.Select(r => r.Cosine)),
            new DoubleDataFrameColumn("relative_std", rows.Select(r => r.RelativeStd)),
            new DoubleDataFrameColumn("mse", rows.Select(r => r.Mse)),
            new DoubleDataFrameColumn("exact_norm", rows.Select(r => r.ExactNorm)),
            new DoubleDataFrameColumn("mean_norm", rows.Select(r => r.MeanNorm)),
            new Int64DataFrameColumn("all_zero_examples", rows.Select(r => r.AllZeroExamples)));
    }
}

using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Tests.Charts;

namespace NotebookExperiments.Tests.Analyses;

/// <summary>The bias/variance summary over seeds: means and standard errors over the finite seeds, and the others counted.</summary>
public class BiasVarianceSummaryTests
{
    [Fact]
    public void SeedsWithANonFiniteStatisticAreCountedNotDropped()
    {
        // ST at epoch 1 over four seeds: seed 2's estimates were all zero (both statistics NaN), seed 3's mean estimate was zero
        // (relative std +∞, cosine NaN); ZGR at epoch 1 over the same seeds, all finite.
        var frame = new DataFrame(
            new Int64DataFrameColumn("seed", [0, 1, 2, 3, 0, 1, 2, 3]),
            new Int32DataFrameColumn("epoch", Enumerable.Repeat(1, 8)),
            new StringDataFrameColumn("estimator", ["st:tau=1", "st:tau=1", "st:tau=1", "st:tau=1", "zgr", "zgr", "zgr", "zgr"]),
            new StringDataFrameColumn("title", ["ST", "ST", "ST", "ST", "ZGR", "ZGR", "ZGR", "ZGR"]),
            new DoubleDataFrameColumn("cosine", [0.4, 0.6, double.NaN, double.NaN, 0.9, 0.9, 0.8, 0.8]),
            new DoubleDataFrameColumn("relative_std", [1.0, 3.0, double.NaN, double.PositiveInfinity, 1.0, 1.0, 1.0, 1.0]));
        var summary = BiasVarianceStudy.Summarise(frame);
        Assert.Equal(["epoch", "estimator", "title", "seeds", "cosine_mean", "cosine_se", "cosine_seeds", "relative_std_mean", "relative_std_se",
            "relative_std_seeds", "nonfinite_seeds"], summary.Columns.Select(c => c.Name));
        Assert.Equal((4, 2, 2, 2), ((int)summary["seeds"][0], (int)summary["cosine_seeds"][0], (int)summary["relative_std_seeds"][0],
            (int)summary["nonfinite_seeds"][0]));
        Assert.Equal(0.5, (double)summary["cosine_mean"][0], 12);
        Assert.Equal(2.0, (double)summary["relative_std_mean"][0], 12);
        Assert.Equal(1.0, (double)summary["relative_std_se"][0], 12);  // sd √2 over √2
        Assert.Equal((4, 0), ((int)summary["seeds"][1], (int)summary["nonfinite_seeds"][1]));
    }
}

using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Tests.Charts;

namespace NotebookExperiments.Tests.Analyses;

/// <summary>The batch-size view's reading: each estimator's MSE as a multiple of ST-GS's at the smallest and largest batch size, with its noise.</summary>
public sealed class BatchSizeReadingTests
{
    private static DataFrame Table(params (string Estimator, double Tau, int B, double Mse, double Se)[] rows) => new(
        new StringDataFrameColumn("estimator", rows.Select(r => r.Estimator)),
        new DoubleDataFrameColumn("tau", rows.Select(r => r.Tau)),
        new Int32DataFrameColumn("batch_size", rows.Select(r => r.B)),
        new DoubleDataFrameColumn("mse", rows.Select(r => r.Mse)),
        new DoubleDataFrameColumn("mse_se", rows.Select(r => r.Se)));

    [Fact]
    public void RatiosToStGsAreGivenAtBothEndsWithNoiseJudged()
    {
        var table = Table(
            ("ST-GS", 0.1, 1, 10.0, 0.5), ("ST-GS", 0.1, 10, 2.0, 0.1), ("ST-GS", 0.1, 100, 1.0, 0.05),
            ("GR-MC100", 0.1, 1, 1.6, 0.1), ("GR-MC100", 0.1, 10, 0.8, 0.05), ("GR-MC100", 0.1, 100, 0.96, 0.05),
            ("ST-GS", 1, 1, 4.0, 0.2), ("ST-GS", 1, 100, 1.0, 0.05), ("GR-MC100", 1, 1, 3.24, 0.2), ("GR-MC100", 1, 100, 0.88, 0.05));

        var reading = BatchSizeReading.Of(table);

        Assert.Equal(
        [
            "At τ = 0.1, MSE as a multiple of ST-GS's: GR-MC100 0.16× at B = 1 and 0.96× at B = 100, within noise " +
            "(a difference counts only beyond twice the standard error of the two MSEs).",
            "At τ = 1, MSE as a multiple of ST-GS's: GR-MC100 0.81× at B = 1 and 0.88× at B = 100, within noise " +
            "(a difference counts only beyond twice the standard error of the two MSEs).",
        ], reading.Sentences);
    }

    [Fact]
    public void WithoutStGsThereIsNothingToCompare() =>
        Assert.Equal(["No estimator here is set beside ST-GS: nothing to compare."], BatchSizeReading.Of(Table(("GR-MC10", 1, 1, 1.0, 0.1))).Sentences);
}

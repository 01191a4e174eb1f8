using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Tests.Charts;

namespace NotebookExperiments.Tests.Analyses;

/// <summary>The η × τ₂ map's reading: per control variate, the cells with more spread than ReinMax, where the extreme ratios lie, and the cosines.</summary>
public sealed class ControlVariateGridReadingTests
{
    private static DataFrame Summary(params (string Variant, double Eta, double Tau2, double Ratio, double Difference)[] cells) => new(
        new StringDataFrameColumn("variant", cells.Select(c => c.Variant)),
        new DoubleDataFrameColumn("eta", cells.Select(c => c.Eta)),
        new DoubleDataFrameColumn("tau2", cells.Select(c => c.Tau2)),
        new DoubleDataFrameColumn("relative_std_ratio", cells.Select(c => c.Ratio)),
        new DoubleDataFrameColumn("cosine_difference", cells.Select(c => c.Difference)));

    [Fact]
    public void EachVariantIsReadFromItsCells()
    {
        var reading = ControlVariateGridReading.Of(Summary(
            ("conditional", 0.3, 0.1, 1.2, -0.01), ("conditional", 1.5, 0.5, 3.46, -0.156), ("conditional", 0.3, 1, 0.99, 0.002),
            ("code", 0.3, 0.1, 0.5, -0.9), ("code", 1.5, 1, 0.8, -1.2)));

        Assert.Equal(3, reading.Sentences.Count);
        Assert.StartsWith("One model, one batch, no standard error per cell: with N estimates per cell a ratio carries a Monte-Carlo error of roughly 1/√N",
            reading.Sentences[0], StringComparison.Ordinal);
        Assert.Equal("Ours (cv=conditional): relative std above ReinMax's in 2 of 3 cells, its ratio from 0.99 (η = 0.3, τ₂ = 1) to 3.46 " +
                     "(η = 1.5, τ₂ = 0.5); cosine below ReinMax's in 2 of 3 cells, its difference from +0.002 (η = 0.3, τ₂ = 1) to −0.156 (η = 1.5, τ₂ = 0.5), " +
                     "as added spread alone lowers the cosine " +
                     "of a mean of a fixed number of estimates (its expectation is ReinMax's).", reading.Sentences[1]);
        Assert.Equal("The authors' code (cv=code): relative std above ReinMax's in 0 of 2 cells, its ratio from 0.50 (η = 0.3, τ₂ = 0.1) to 0.80 " +
                     "(η = 1.5, τ₂ = 1); cosine below ReinMax's in 2 of 2 cells, its difference from −0.900 (η = 0.3, τ₂ = 0.1) to −1.200 (η = 1.5, τ₂ = 1).",
                     reading.Sentences[2]);
    }
}

using Microsoft.Data.Analysis;
using NotebookExperiments.Reports;

namespace NotebookExperiments.Tests.Reports;

/// <summary>The count of verdicts of a comparison frame and its one line.</summary>
public sealed class VerdictCountTests
{
    [Fact]
    public void TheVerdictsOfAComparisonAreCountedAndDescribedWithoutEmptyCounts()
    {
        var comparison = new DataFrame(new StringDataFrameColumn("verdict",
            ["within 2 s.e.", "farther", "not comparable", "not comparable", "not published", "within 2 s.e."]));
        var count = VerdictCount.Of(comparison);
        Assert.Equal(new VerdictCount(2, 1, 2, 1), count);
        Assert.Equal(6, count!.Cells);
        Assert.Equal("2 of 6 cells within 2 s.e., 1 farther, 2 not comparable, 1 not published", count.Describe());
        Assert.Equal("0 of 3 cells within 2 s.e., 3 not comparable", new VerdictCount(0, 0, 3, 0).Describe());
    }

    [Fact]
    public void AFrameWithoutVerdictsHasNoCount() =>
        Assert.Null(VerdictCount.Of(new DataFrame(new StringDataFrameColumn("config", ["8x4"]))));
}

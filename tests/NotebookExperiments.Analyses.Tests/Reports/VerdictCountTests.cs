using Microsoft.Data.Analysis;
using NotebookExperiments.Reports;

namespace NotebookExperiments.Tests.Reports;

/// <summary>The count of verdicts of a comparison frame and its one line: what was compared, and a run that compared nothing said so.</summary>
public sealed class VerdictCountTests
{
    [Fact]
    public void TheVerdictsOfAComparisonAreCountedAndDescribedWithoutEmptyCounts()
    {
        var comparison = new DataFrame(new StringDataFrameColumn("verdict",
            ["no significant difference", "significant difference", "not comparable", "not comparable", "not published", "no significant difference"]));
        var count = VerdictCount.Of(comparison);
        Assert.Equal(new VerdictCount(2, 1, 2, 1), count);
        Assert.Equal((6, 3), (count!.Cells, count.Compared));
        Assert.Equal("3 of 6 cells compared (Welch's t, 95 %): 2 no significant difference, 1 significant difference; 2 not comparable, 1 not published",
            count.Describe());
        Assert.Equal("1 of 1 point compared (Welch's t, 95 %): 1 significant difference", new VerdictCount(0, 1, 0, 0, "points").Describe());
        Assert.Equal("none of 3 cells compared: 3 not comparable", new VerdictCount(0, 0, 3, 0).Describe());
    }

    [Fact]
    public void ARunThatComparedNothingSaysNotComparedWithItsPreset()
    {
        Assert.Equal("not compared (quick preset): 16 cells", new VerdictCount(0, 0, 14, 2).Describe("quick"));
        Assert.Equal("not compared (smoke preset): 13 points", VerdictCount.Of(new DataFrame(
            new StringDataFrameColumn("verdict", Enumerable.Repeat("not comparable", 13))), "points")!.Describe("smoke"));
        // Something compared: the count, whatever the preset.
        Assert.StartsWith("1 of 3 cells compared", new VerdictCount(1, 0, 2, 0).Describe("custom"), StringComparison.Ordinal);
        Assert.Equal("Against the published numbers (comparison.csv): not compared (quick preset): 2 points.",
            VerdictCount.Note(new DataFrame(new StringDataFrameColumn("verdict", ["not comparable", "not published"])), "points", "quick", paperProtocol: false));
    }

    [Fact]
    public void AFrameWithoutVerdictsHasNoCount() =>
        Assert.Null(VerdictCount.Of(new DataFrame(new StringDataFrameColumn("config", ["8x4"]))));
}

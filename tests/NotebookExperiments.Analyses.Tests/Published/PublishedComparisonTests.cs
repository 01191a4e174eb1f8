using NotebookExperiments.Published;

namespace NotebookExperiments.Tests.Published;

/// <summary>The verdict: z with both standard errors, with ours alone where none is published, and never from one run.</summary>
public class PublishedComparisonTests
{
    private static readonly PublishedValue ReinMax8x4 = new(125.08, 0.20, 10);

    [Fact]
    public void WithinTwoStandardErrorsAndFartherUseTheCombinedStandardError()
    {
        var within = PublishedComparison.Compare(125.20, 0.10, ReinMax8x4, Comparability.Comparable);
        Assert.Equal(PublishedVerdict.WithinTwoStandardErrors, within.Verdict);
        Assert.Equal(0.12 / Math.Sqrt(0.01 + 0.04), within.Z, 12);
        Assert.Equal("within 2 s.e. (z = +0.54)", within.Describe());

        var farther = PublishedComparison.Compare(124.0, 0.30, ReinMax8x4, Comparability.Comparable);
        Assert.Equal(PublishedVerdict.Farther, farther.Verdict);
        Assert.Equal(-1.08 / Math.Sqrt(0.09 + 0.04), farther.Z, 12);
        Assert.Equal("farther (z = -3.00)", farther.Describe());

        // |z| = 2 exactly is still within: 10 above the published mean with standard errors 3 and 4 (combined: 5).
        var edge = PublishedComparison.Compare(20, 3, new PublishedValue(10, 4, 5), Comparability.Comparable);
        Assert.Equal(2.0, edge.Z);
        Assert.Equal(PublishedVerdict.WithinTwoStandardErrors, edge.Verdict);
    }

    [Fact]
    public void AMissingPublishedStandardErrorUsesOursAloneAndSaysSo()
    {
        var collapse = new PublishedValue(214.41, double.NaN, 5);
        var comparison = PublishedComparison.Compare(214.50, 0.03, collapse, Comparability.Comparable);
        Assert.True(comparison.OurStandardErrorOnly);
        Assert.Equal(0.09 / 0.03, comparison.Z, 9);
        Assert.Equal(PublishedVerdict.Farther, comparison.Verdict);
        Assert.Equal("farther (z = +3.00; published s.e. not given, ours only)", comparison.Describe());
        Assert.False(PublishedComparison.Compare(214.42, 0.03, collapse, Comparability.Comparable).Verdict == PublishedVerdict.Farther);
    }

    [Fact]
    public void AnotherProtocolOneRunOrNoResultIsNotComparableAndNothingPublishedIsSaid()
    {
        var quick = PublishedComparison.Compare(200.0, 1.0, ReinMax8x4, Comparability.NotComparable("3 epochs (published: 160)"));
        Assert.Equal(PublishedVerdict.NotComparable, quick.Verdict);
        Assert.True(double.IsNaN(quick.Z));
        Assert.Equal("not comparable: 3 epochs (published: 160)", quick.Describe());

        Assert.Equal("not comparable: one run of ours: no standard error",
            PublishedComparison.Compare(125.0, double.NaN, ReinMax8x4, Comparability.Comparable).Describe());
        Assert.Equal("not comparable: our runs have no spread: no standard error",
            PublishedComparison.Compare(125.0, 0, ReinMax8x4, Comparability.Comparable).Describe());
        Assert.Equal("not comparable: no finite result of ours (every run diverged)",
            PublishedComparison.Compare(double.NaN, double.NaN, ReinMax8x4, Comparability.Comparable).Describe());

        var none = PublishedComparison.Compare(125.0, 0.1, null, Comparability.NotComparable("whatever"));
        Assert.Equal(PublishedVerdict.NotPublished, none.Verdict);
        Assert.Equal("not published", none.Describe());
        Assert.Equal(["within 2 s.e.", "farther", "not comparable", "not published"], Enum.GetValues<PublishedVerdict>().Select(PublishedComparison.Label));
    }
}

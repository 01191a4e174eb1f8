using NotebookExperiments.Published;
using NotebookExperiments.Statistics;

namespace NotebookExperiments.Tests.Published;

/// <summary>
/// The verdict: Welch's t at 95 % with the published sample standard error, the one-sample t on ours where none is published, never
/// from fewer than two finite runs, with the runs left out named.
/// </summary>
public class PublishedComparisonTests
{
    private static readonly PublishedValue ReinMax8x4 = new(125.08, 0.20, 10);

    [Fact]
    public void ThePublishedStandardErrorIsTurnedIntoThatOfTheSampleStandardDeviation()
    {
        // The source divides numpy's n-denominator sd by √n: the sample sd is s.e.·n/√(n − 1), its standard error s.e.·√(n/(n − 1)).
        Assert.Equal(0.20 * 10 / 3, ReinMax8x4.SampleStandardDeviation, 12);
        Assert.Equal(new MeanEstimate(125.08, 0.20 * Math.Sqrt(10.0 / 9), 10), ReinMax8x4.Estimate);
        var collapse = new PublishedValue(214.41, double.NaN, 5);
        Assert.True(double.IsNaN(collapse.SampleStandardDeviation));
        Assert.False(collapse.Estimate.HasStandardError);
        Assert.Equal("", ReinMax8x4.Citation());
        Assert.Equal("Fig. 2: f.txt; danielwang0452/DiscreteNumericalMethodsASC at 62697d1", (ReinMax8x4 with { Source = "Fig. 2: f.txt" }).Citation());
    }

    [Fact]
    public void NoSignificantDifferenceAndASignificantOneComeFromWelchsTest()
    {
        var same = PublishedComparison.Compare(new OurMean(125.20, 0.10, 10), ReinMax8x4, Comparability.Comparable);
        Assert.Equal(PublishedVerdict.NoSignificantDifference, same.Verdict);
        Assert.Equal(WelchTest.Compare(new MeanEstimate(125.20, 0.10, 10), ReinMax8x4.Estimate), same.Test);
        Assert.Equal("no significant difference (Welch's t = +0.51, df = 12.9, p = 0.62)", same.Describe());
        Assert.True(same.IsCompared);

        var different = PublishedComparison.Compare(new OurMean(124.0, 0.30, 10), ReinMax8x4, Comparability.Comparable);
        Assert.Equal(PublishedVerdict.SignificantDifference, different.Verdict);
        Assert.StartsWith("significant difference (Welch's t = -2.95, df = ", different.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void TwoRunsOfOursAreJudgedWithTheirFewDegreesOfFreedomNotAFixedTwoStandardErrors()
    {
        // 5 standard errors apart, but with two runs of ours carrying the variance ν ≈ 1, where the 95 % point is 12.7.
        var two = PublishedComparison.Compare(new OurMean(130.08, 1.0, 2), new PublishedValue(125.08, 0.01, 10), Comparability.Comparable);
        Assert.Equal(PublishedVerdict.NoSignificantDifference, two.Verdict);
        Assert.Equal(5.0, two.Test!.T, 3);
        Assert.InRange(two.Test.DegreesOfFreedom, 1, 1.01);
    }

    [Fact]
    public void AMissingPublishedStandardErrorGivesTheOneSampleTestOnOursAndSaysSo()
    {
        var collapse = new PublishedValue(214.41, double.NaN, 5);
        var comparison = PublishedComparison.Compare(new OurMean(214.50, 0.03, 5), collapse, Comparability.Comparable);
        Assert.True(comparison.OurStandardErrorOnly);
        Assert.Equal(0.09 / 0.03, comparison.Test!.T, 9);
        Assert.Equal(4, comparison.Test.DegreesOfFreedom);
        Assert.Equal(PublishedVerdict.SignificantDifference, comparison.Verdict);      // 3.00 > 2.78
        Assert.StartsWith("significant difference (one-sample t = +3.00, df = 4, p = 0.04", comparison.Describe(), StringComparison.Ordinal);
        Assert.EndsWith("; published s.e. not given, ours only)", comparison.Describe(), StringComparison.Ordinal);
        Assert.Equal(PublishedVerdict.NoSignificantDifference,
            PublishedComparison.Compare(new OurMean(214.50, 0.03, 3), collapse, Comparability.Comparable).Verdict);   // 3.00 < 4.30
    }

    [Fact]
    public void DivergedRunsAreCountedFromTheResultsAndNamed()
    {
        var some = PublishedComparison.Compare(new OurMean(125.20, 0.10, 8, 2), ReinMax8x4, Comparability.Comparable);
        Assert.Equal(8, some.Ours!.Count);
        Assert.EndsWith("; 2 of 10 runs diverged and are left out", some.Describe(), StringComparison.Ordinal);

        Assert.Equal("not comparable: one run of ours with a finite result: no standard error; 2 of 3 runs diverged and are left out",
            PublishedComparison.Compare(new OurMean(125.0, double.NaN, 1, 2), ReinMax8x4, Comparability.Comparable).Describe());
        Assert.Equal("not comparable: no finite result of ours; 3 of 3 runs diverged and are left out",
            PublishedComparison.Compare(new OurMean(double.NaN, double.NaN, 0, 3), ReinMax8x4, Comparability.Comparable).Describe());
        Assert.Equal("not comparable: one seed of ours with a finite result: no standard error; 1 of 2 seeds gave no finite cosine and is left out",
            PublishedComparison.Compare(new OurMean(0.5, double.NaN, 1, 1, "seed", "gave no finite cosine"), new PublishedValue(0.47, 0.04, 10), Comparability.Comparable).Describe());
    }

    [Fact]
    public void AnotherProtocolNoSpreadOrNothingPublishedIsSaid()
    {
        var quick = PublishedComparison.Compare(new OurMean(200.0, 1.0, 2), ReinMax8x4, Comparability.NotComparable("3 epochs (published: 160)"));
        Assert.Equal(PublishedVerdict.NotComparable, quick.Verdict);
        Assert.Null(quick.Test);
        Assert.Equal("not comparable: 3 epochs (published: 160)", quick.Describe());

        // Ours without spread against a published standard error: the test rests on the published side (ν = 9).
        var flat = PublishedComparison.Compare(new OurMean(125.0, 0, 4), ReinMax8x4, Comparability.Comparable);
        Assert.Equal(9, flat.Test!.DegreesOfFreedom, 9);
        Assert.Equal("not comparable: our 4 runs have no spread and the published standard error is not given: no test",
            PublishedComparison.Compare(new OurMean(214.41, 0, 4), new PublishedValue(214.41, double.NaN, 5), Comparability.Comparable).Describe());

        var none = PublishedComparison.Compare(new OurMean(125.0, 0.1, 3), null, Comparability.NotComparable("whatever"));
        Assert.Equal(PublishedVerdict.NotPublished, none.Verdict);
        Assert.Equal("not published", none.Describe());
        Assert.Equal("not published: Fig. 2 draws 8×16, but its numbers are not in the authors' result files",
            PublishedComparison.Compare(new OurMean(99, 0.1, 3, 1), null, Comparability.Comparable,
                "Fig. 2 draws 8×16, but its numbers are not in the authors' result files").Describe());
        Assert.Equal(["no significant difference", "significant difference", "not comparable", "not published"],
            Enum.GetValues<PublishedVerdict>().Select(PublishedComparison.Label));
    }
}

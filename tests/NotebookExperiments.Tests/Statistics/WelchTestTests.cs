using NotebookExperiments.Statistics;

namespace NotebookExperiments.Tests.Statistics;

/// <summary>
/// Welch's t test against textbook cases worked by hand, its one-sample limit, and the cases where no test can be made.
/// </summary>
public class WelchTestTests
{
    [Fact]
    public void AWorkedCaseGivesTheStatisticAndTheSatterthwaiteDegreesOfFreedom()
    {
        // e₁ = 0.10 (n₁ = 10), e₂ = 0.21082 = 0.2·√(10/9) (n₂ = 10): e₁² = 0.09/9, e₂² = 0.4/9, sum 0.49/9, so √ = 0.7/3;
        // t = 0.12 / (0.7/3) = 0.36/0.7; ν = (0.49/9)² / ((0.0081 + 0.16)/81/9) = 0.2401·9 / 0.1681.
        var test = WelchTest.Compare(new MeanEstimate(125.20, 0.10, 10), new MeanEstimate(125.08, 0.2 * Math.Sqrt(10.0 / 9), 10));
        Assert.Equal(0.36 / 0.7, test.T, 10);
        Assert.Equal(0.2401 * 9 / 0.1681, test.DegreesOfFreedom, 9);
        Assert.Equal(StudentTDistribution.TwoSidedCriticalValue(test.DegreesOfFreedom, 0.95), test.CriticalValue);
        Assert.False(test.IsSignificant);
        Assert.Equal("t = +0.51, df = 12.9, p = 0.62", test.Describe());
        Assert.Equal(0.95, test.Confidence);
    }

    [Fact]
    public void TheTextbookSamplesGiveTheirPublishedWelchStatistics()
    {
        // Two samples of 15 and of 10 against 20 (the usual worked examples of Welch's test): t = −2.46, ν = 24.99, p = 0.021
        // and t = −1.57, ν = 9.9, p = 0.149.
        double[] a1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
        double[] a2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];
        var first = WelchTest.Compare(SampleStatistics.Of(a1).Estimate, SampleStatistics.Of(a2).Estimate);
        Assert.Equal(-2.46, first.T, 2);
        Assert.Equal(24.99, first.DegreesOfFreedom, 2);
        Assert.Equal(0.021, first.PValue, 3);
        Assert.True(first.IsSignificant);

        double[] b1 = [17.2, 20.9, 22.6, 18.1, 21.7, 21.4, 23.5, 24.2, 14.7, 21.8];
        double[] b2 = [21.5, 22.8, 21.0, 23.0, 21.6, 23.6, 22.5, 20.7, 23.4, 21.8, 20.7, 21.7, 21.5, 22.5, 23.6, 21.5, 22.5, 23.5, 21.5, 21.8];
        var second = WelchTest.Compare(SampleStatistics.Of(b1).Estimate, SampleStatistics.Of(b2).Estimate);
        Assert.Equal(-1.57, second.T, 2);
        Assert.Equal(9.9, second.DegreesOfFreedom, 1);
        Assert.Equal(0.149, second.PValue, 3);
        Assert.False(second.IsSignificant);
    }

    [Fact]
    public void TwoValuesOnASideCanBringTheDegreesOfFreedomNearOneWhereTheCriticalValueIsTwelvePointSeven()
    {
        // Ours: two runs, all of the variance; published: ten seeds and a tiny standard error. ν → 1, so |t| = 5 is no difference.
        var test = WelchTest.Compare(new MeanEstimate(105, 1, 2), new MeanEstimate(100, 0.01, 10));
        Assert.Equal(1.0, test.DegreesOfFreedom, 3);
        Assert.InRange(test.CriticalValue, 12.6, 12.71);
        Assert.True(Math.Abs(test.T) > 2);
        Assert.False(test.IsSignificant);
    }

    [Fact]
    public void ASideWithoutSpreadGivesTheOneSampleTest()
    {
        // {1, 2, 3} against 0: mean 2, s.e. 1/√3, t = 2√3, ν = 2, p = 1 − √(6/7).
        var sample = SampleStatistics.Of([1, 2, 3]).Estimate;
        var one = WelchTest.OneSample(sample, 0);
        Assert.Equal(2 * Math.Sqrt(3), one.T, 12);
        Assert.Equal(2, one.DegreesOfFreedom);
        Assert.Equal(1 - Math.Sqrt(6.0 / 7), one.PValue, 10);
        Assert.False(one.IsSignificant);          // 3.46 < 4.30
        Assert.Equal("t = +3.46, df = 2, p = 0.074", one.Describe());

        var exact = WelchTest.Compare(sample, new MeanEstimate(0, 0, 5));
        Assert.Equal((one.T, one.DegreesOfFreedom), (exact.T, exact.DegreesOfFreedom));
        Assert.True(WelchTest.OneSample(sample, -3).IsSignificant);
        Assert.Equal("t = +13.86, df = 2, p = 0.0052", WelchTest.OneSample(sample, -6).Describe());
    }

    [Fact]
    public void NoTestIsMadeWithoutAStandardErrorOrASpread()
    {
        var ok = new MeanEstimate(1, 0.1, 5);
        Assert.Contains("1 value has no standard error",
            Assert.Throws<ArgumentException>(() => WelchTest.Compare(new MeanEstimate(1, double.NaN, 1), ok)).Message, StringComparison.Ordinal);
        Assert.Contains("not given", Assert.Throws<ArgumentException>(() => WelchTest.Compare(ok, new MeanEstimate(1, double.NaN, 10))).Message, StringComparison.Ordinal);
        Assert.Contains("not finite", Assert.Throws<ArgumentException>(() => WelchTest.Compare(new MeanEstimate(double.NaN, 0.1, 5), ok)).Message, StringComparison.Ordinal);
        Assert.Contains("Neither mean has any spread",
            Assert.Throws<ArgumentException>(() => WelchTest.Compare(new MeanEstimate(1, 0, 5), new MeanEstimate(2, 0, 5))).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => WelchTest.OneSample(new MeanEstimate(1, 0, 5), 2));
        Assert.Throws<ArgumentException>(() => WelchTest.OneSample(ok, double.NaN));
    }
}

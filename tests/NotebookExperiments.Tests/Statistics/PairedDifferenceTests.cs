using NotebookExperiments.Statistics;

namespace NotebookExperiments.Tests.Statistics;

/// <summary>Paired differences over seeds: mean, standard error and Student's t interval.</summary>
public sealed class PairedDifferenceTests
{
    [Fact]
    public void TheIntervalIsStudentsWithNMinusOneDegreesOfFreedom()
    {
        // Differences 2, 3, 4: mean 3, sd 1, s.e. 1/√3; t(2) at 97.5 % is 4.3027, so the interval is 3 ± 2.484.
        var d = PairedDifference.Of([(12.0, 10.0), (13.0, 10.0), (14.0, 10.0)]);
        Assert.Equal(3, d.Count);
        Assert.Equal(3.0, d.Mean, 12);
        Assert.Equal(1 / Math.Sqrt(3), d.StandardError, 12);
        Assert.Equal(4.302653, d.Quantile, 5);
        Assert.Equal(3 - 4.302653 / Math.Sqrt(3), d.Lower, 5);
        Assert.True(d.Positive);
        Assert.False(d.Negative);
        // Differences 1, 2, 3 (the same spread, mean 2) are not resolved; with two seeds the 97.5 % point of t(1) is 12.706.
        Assert.False(PairedDifference.Of([(11.0, 10.0), (12.0, 10.0), (13.0, 10.0)]).Positive);
        var two = PairedDifference.Of([(12.0, 10.0), (14.0, 10.0)]);
        Assert.Equal(12.7062, two.Quantile, 4);
        Assert.False(two.Positive);
    }

    [Fact]
    public void NonFinitePairsAreLeftOutAndOneSeedResolvesNothing()
    {
        var d = PairedDifference.Of([(1.0, 0.0), (double.NaN, 0.0), (2.0, double.PositiveInfinity)]);
        Assert.Equal(1, d.Count);
        Assert.Equal(1.0, d.Mean);
        Assert.True(double.IsNaN(d.StandardError));
        Assert.False(d.Positive || d.Negative);
        Assert.Equal(0, PairedDifference.Of([]).Count);
    }
}

using NotebookExperiments.Statistics;

namespace NotebookExperiments.Tests.Statistics;

/// <summary>Student's t quantiles and p-values against closed forms (ν = 1: Cauchy; ν = 2) and the printed tables.</summary>
public class StudentTDistributionTests
{
    [Fact]
    public void TheTwoSidedCriticalValuesAreTheClosedFormsForOneAndTwoDegreesOfFreedom()
    {
        // ν = 1 is Cauchy: t = tan(π (0.975 − ½)); ν = 2: F(t) = ½ + t / (2√(2 + t²)), so t = √(2q² / (1 − q²)) with q = 0.95.
        Assert.Equal(Math.Tan(Math.PI * 0.475), StudentTDistribution.TwoSidedCriticalValue(1, 0.95), 8);
        Assert.Equal(Math.Sqrt(2 * 0.95 * 0.95 / (1 - 0.95 * 0.95)), StudentTDistribution.TwoSidedCriticalValue(2, 0.95), 8);
        Assert.Equal(12.7062, StudentTDistribution.TwoSidedCriticalValue(1, 0.95), 4);
    }

    [Theory]
    [InlineData(4, 2.7764)]
    [InlineData(9, 2.2622)]
    [InlineData(10, 2.2281)]
    [InlineData(30, 2.0423)]
    [InlineData(120, 1.9799)]
    public void TheTwoSidedCriticalValuesAreThoseOfThePrintedTables(double degreesOfFreedom, double expected) =>
        Assert.Equal(expected, StudentTDistribution.TwoSidedCriticalValue(degreesOfFreedom, 0.95), 4);

    [Fact]
    public void NonWholeDegreesOfFreedomLieBetweenTheirNeighboursAndManyTendToTheNormal()
    {
        double at12 = StudentTDistribution.TwoSidedCriticalValue(12, 0.95), at13 = StudentTDistribution.TwoSidedCriticalValue(13, 0.95);
        double between = StudentTDistribution.TwoSidedCriticalValue(12.85, 0.95);
        Assert.True(between < at12 && between > at13, $"{between} not between {at13} and {at12}");
        Assert.Equal(1.959964, StudentTDistribution.TwoSidedCriticalValue(1e7, 0.95), 4);
        Assert.Equal(63.6567, StudentTDistribution.TwoSidedCriticalValue(1, 0.99), 3);
    }

    [Fact]
    public void TheTwoSidedPValueIsTheClosedFormForTwoDegreesOfFreedomAndTheLevelAtTheCriticalValue()
    {
        // ν = 2: p = 1 − |t| / √(2 + t²); at t = 2√3, p = 1 − √(6/7).
        Assert.Equal(1 - Math.Sqrt(6.0 / 7), StudentTDistribution.TwoSidedPValue(2 * Math.Sqrt(3), 2), 10);
        Assert.Equal(1 - Math.Sqrt(6.0 / 7), StudentTDistribution.TwoSidedPValue(-2 * Math.Sqrt(3), 2), 10);
        Assert.Equal(1.0, StudentTDistribution.TwoSidedPValue(0, 7), 12);
        foreach (double df in new[] { 1, 3.5, 17, 250 })
            Assert.Equal(0.05, StudentTDistribution.TwoSidedPValue(StudentTDistribution.TwoSidedCriticalValue(df, 0.95), df), 6);
        Assert.True(StudentTDistribution.TwoSidedPValue(40, 5) is > 0 and < 1e-6);
    }

    [Fact]
    public void DegreesOfFreedomAndConfidenceOutOfRangeAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentTDistribution.TwoSidedCriticalValue(0, 0.95));
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentTDistribution.TwoSidedCriticalValue(double.NaN, 0.95));
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentTDistribution.TwoSidedCriticalValue(double.PositiveInfinity, 0.95));
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentTDistribution.TwoSidedCriticalValue(5, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentTDistribution.TwoSidedPValue(1, -1));
    }
}

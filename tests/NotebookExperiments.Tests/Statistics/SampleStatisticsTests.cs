using NotebookExperiments.Statistics;

namespace NotebookExperiments.Tests.Statistics;

/// <summary>The mean, the sample standard deviation (n − 1) and the standard error of a few values, with their edge cases.</summary>
public class SampleStatisticsTests
{
    [Fact]
    public void MeanSampleStandardDeviationAndStandardErrorOfAKnownSample()
    {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations summing to 32, so s² = 32/7 and s.e. = √(32/7)/√8 = √(4/7).
        var s = SampleStatistics.Of([2, 4, 4, 4, 5, 5, 7, 9]);
        Assert.Equal(8, s.Count);
        Assert.Equal(5.0, s.Mean);
        Assert.Equal(Math.Sqrt(32.0 / 7), s.StandardDeviation, 14);
        Assert.Equal(Math.Sqrt(4.0 / 7), s.StandardError, 14);
        Assert.Equal(new MeanEstimate(5.0, s.StandardError, 8), s.Estimate);
    }

    [Fact]
    public void NoValueHasNoMeanAndOneValueHasNoSpread()
    {
        var none = SampleStatistics.Of([]);
        Assert.Equal(0, none.Count);
        Assert.True(double.IsNaN(none.Mean) && double.IsNaN(none.StandardDeviation) && double.IsNaN(none.StandardError));

        var one = SampleStatistics.Of([214.5]);
        Assert.Equal((1, 214.5), (one.Count, one.Mean));
        Assert.True(double.IsNaN(one.StandardDeviation));
        Assert.True(double.IsNaN(one.StandardError));
        Assert.False(one.Estimate.HasStandardError);
    }

    [Fact]
    public void EqualValuesHaveAZeroSpreadNotAMissingOne()
    {
        var same = SampleStatistics.Of([3.25, 3.25, 3.25]);
        Assert.Equal(0.0, same.StandardDeviation);
        Assert.Equal(0.0, same.StandardError);
        Assert.True(same.Estimate.HasStandardError);
    }

    [Fact]
    public void TheArithmeticIsTheOneTheResultsWereWrittenWith()
    {
        // Bit for bit the former hand-written forms (LINQ's Average, then the sum of squared deviations in order over n − 1).
        double[] values = [101.37, 99.8123, 100.000001, 98.5, 102.25, 97.125];
        double mean = values.Average();
        double sd = Math.Sqrt(values.Sum(x => (x - mean) * (x - mean)) / (values.Length - 1));
        var s = SampleStatistics.Of(values);
        Assert.Equal(BitConverter.DoubleToInt64Bits(mean), BitConverter.DoubleToInt64Bits(s.Mean));
        Assert.Equal(BitConverter.DoubleToInt64Bits(sd), BitConverter.DoubleToInt64Bits(s.StandardDeviation));
        Assert.Equal(BitConverter.DoubleToInt64Bits(sd / Math.Sqrt(values.Length)), BitConverter.DoubleToInt64Bits(s.StandardError));
    }
}

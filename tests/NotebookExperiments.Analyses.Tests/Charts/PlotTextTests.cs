using NotebookExperiments.Charts;

namespace NotebookExperiments.Tests.Charts;

/// <summary>Numbers and text as the figures write them.</summary>
public class PlotTextTests
{
    [Theory]
    [InlineData(6.406, 3, "6.41")]
    [InlineData(16.66, 3, "16.7")]
    [InlineData(0.9625, 3, "0.963")]
    [InlineData(1.0, 3, "1.00")]
    [InlineData(1234.5, 3, "1,235")]
    [InlineData(5.04, 2, "5.0")]
    [InlineData(-0.0567, 2, "-0.057")]
    [InlineData(0, 3, "0")]
    [InlineData(double.NaN, 3, "n/a")]
    public void SignificantDigits(double value, int digits, string expected) => Assert.Equal(expected, PlotText.Significant(value, digits));

    [Fact]
    public void SignedNumbersUseATrueMinus()
    {
        Assert.Equal("−0.94", PlotText.Signed(-0.9401, 2));
        Assert.Equal("0.52", PlotText.Signed(0.524, 2));
    }

    [Fact]
    public void EstimatedWidthsErrWideOfArial()
    {
        // Arial at 13 px: "ReinMax-CV (authors' code)" is about 160 px wide; the estimate must not fall short, nor be far over.
        double width = PlotText.EstimatedWidth("ReinMax-CV (authors' code)", 13);
        Assert.InRange(width, 160, 200);
        Assert.True(PlotText.EstimatedWidth("WWW", 13) > PlotText.EstimatedWidth("iii", 13));
    }
}

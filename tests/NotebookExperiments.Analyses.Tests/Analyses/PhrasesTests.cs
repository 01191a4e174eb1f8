using NotebookExperiments.Analyses;

namespace NotebookExperiments.Tests.Analyses;

/// <summary>The signed differences the readings print: a sign on every nonzero value, none on what rounds to zero.</summary>
public sealed class PhrasesTests
{
    [Theory]
    [InlineData(0.0123, 3, "+0.012")]
    [InlineData(-0.3, 3, "−0.300")]
    [InlineData(-0.0001, 3, "0.000")]   // a two-section format prints "-+0.000" here
    [InlineData(0.00049, 3, "0.000")]
    [InlineData(0.0, 3, "0.000")]
    [InlineData(-0.04, 1, "0.0")]
    [InlineData(16.24, 1, "+16.2")]
    [InlineData(-2.6, 0, "−3")]
    [InlineData(double.NaN, 3, "—")]
    public void SignedDifferencesCarryTheirSignExceptWhereTheyRoundToZero(double value, int decimals, string expected) =>
        Assert.Equal(expected, Phrases.Signed(value, decimals));
}

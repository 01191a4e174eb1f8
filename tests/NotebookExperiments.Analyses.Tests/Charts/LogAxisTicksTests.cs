using NotebookExperiments.Charts;

namespace NotebookExperiments.Tests.Charts;

/// <summary>Round tick values for log axes.</summary>
public class LogAxisTicksTests
{
    [Fact]
    public void TheTemperatureGridGetsOneTwoFiveTicks() =>
        Assert.Equal([0.05, 0.1, 0.2, 0.5, 1.0, 2.0], LogAxisTicks.Covering([0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 2]));

    [Fact]
    public void LessThanADecadeGetsFinerTicksAroundTheData() =>
        Assert.Equal([0.2, 0.3, 0.5, 0.7, 1.0, 1.5], LogAxisTicks.Covering([0.25, 0.4, 1.2]));

    [Fact]
    public void HalfADecadeOrLessGetsTicksAtEveryRoundStep() =>
        Assert.Equal([0.3, 0.4, 0.5, 0.6, 0.7, 0.8], LogAxisTicks.Covering([0.33, 0.78]));

    [Fact]
    public void ManyDecadesGetPowersOfTen()
    {
        Assert.Equal([1e-4, 1e-3, 1e-2, 1e-1, 1.0], LogAxisTicks.Covering([2e-4, 0.5]));
        var wide = LogAxisTicks.Covering([1e-9, 1e5]);
        Assert.True(wide.Count <= 9, $"{wide.Count} ticks");
        Assert.True(wide[0] <= 1e-9 && wide[^1] >= 1e5);
    }

    [Fact]
    public void NonPositiveAndNonFiniteValuesAreIgnored()
    {
        Assert.Empty(LogAxisTicks.Covering([0, -1, double.NaN, double.PositiveInfinity]));
        Assert.Equal([1.0], LogAxisTicks.Covering([1.0, 0, double.NaN]));
    }
}

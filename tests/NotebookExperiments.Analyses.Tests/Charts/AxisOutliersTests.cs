using NotebookExperiments.Charts;

namespace NotebookExperiments.Tests.Charts;

/// <summary>Series so far from the others that drawing them would squeeze the others into a sliver of the axis.</summary>
public class AxisOutliersTests
{
    private static IReadOnlyDictionary<string, IReadOnlyList<double>> Series(params (string Name, double[] Values)[] series) =>
        series.ToDictionary(s => s.Name, s => (IReadOnlyList<double>)s.Values);

    [Fact]
    public void TheAuthorsCodesCosineFarBelowTheOthersLiesApart()
    {
        // The quick preset's cosines: the authors' code's ReinMax-CV at −0.94 … −0.52, the others between 0.43 and 0.94.
        var cosines = Series(("ST", [0.80, 0.49, 0.53]), ("ReinMax", [0.93, 0.53, 0.84]), ("ZGR", [0.93, 0.54, 0.84]),
            ("GR-MC100", [0.83, 0.46, 0.57]), ("ReinMax-CV (authors' code)", [-0.94, -0.52, -0.82]));
        Assert.Equal(["ReinMax-CV (authors' code)"], AxisOutliers.Find(cosines, AxisScale.Linear));
        Assert.True(AxisOutliers.LiesBelow([-0.94, -0.52], [0.43, 0.94]));
    }

    [Fact]
    public void OnALogAxisDistancesAreInDecades()
    {
        // RF(4)'s 1 − cosine of 0.009 two decades below the others' 0.33–0.78.
        var bias = Series(("ST", [0.69, 0.5]), ("ST-GS", [0.4, 0.33]), ("ReinMax", [0.78, 0.4]), ("ZGR", [0.38]), ("RF(4)", [0.009]));
        Assert.Equal(["RF(4)"], AxisOutliers.Find(bias, AxisScale.Log));
        // On a linear axis 0.009 lies 0.32 below the others, less than half of the whole span: it stays.
        Assert.Empty(AxisOutliers.Find(bias, AxisScale.Linear));
    }

    [Fact]
    public void ASeriesMerelyBetterThanTheOthersStays()
    {
        // ST's relative std 1.6 below the others' 2.5–3.9: apart, but the gap is less than half of the whole span.
        var spread = Series(("ST", [1.6, 1.7]), ("ST-GS", [3.9, 3.5]), ("ReinMax", [3.0, 2.8]), ("ZGR", [2.5, 2.7]), ("GR-MC100", [3.2]));
        Assert.Empty(AxisOutliers.Find(spread, AxisScale.Log));
        // Three evenly spread series: none squeezes the others.
        Assert.Empty(AxisOutliers.Find(Series(("a", [0.5]), ("b", [0.6]), ("c", [0.7])), AxisScale.Log));
    }

    [Fact]
    public void TooFewOthersAreNotSqueezedAndNonFiniteValuesAreIgnored()
    {
        Assert.Empty(AxisOutliers.Find(Series(("a", [0.0, 0.1]), ("b", [0.05]), ("c", [10.0])), AxisScale.Linear));
        var withNaN = Series(("a", [0.5, double.NaN]), ("b", [0.6]), ("c", [0.52]), ("d", [0.58]), ("far", [-5.0, double.PositiveInfinity]));
        Assert.Equal(["far"], AxisOutliers.Find(withNaN, AxisScale.Linear));
        // Non-positive values cannot sit on a log axis.
        Assert.Empty(AxisOutliers.Find(Series(("a", [0.5]), ("b", [0.6]), ("c", [0.52]), ("d", [0.58]), ("zero", [0.0, -1.0])), AxisScale.Log));
    }

    [Fact]
    public void SinglePointsSqueezedTogetherAreNotSpreadOut()
    {
        // One epoch of a smoke run: ST at 468 nats, the others between 517 and 530, each a single point.
        var points = Series(("ST", [468.2]), ("ST-GS", [530.3]), ("GR-MC100", [517.45]), ("ReinMax", [517.35]), ("ReinMax-CV", [517.58]));
        Assert.Empty(AxisOutliers.Find(points, AxisScale.Linear, curves: []));
        Assert.Equal(["ST", "ST-GS"], AxisOutliers.Find(points, AxisScale.Linear));
        // A star apart from curves squeezes them: RF(4) beside the temperature curves.
        var bias = Series(("ST", [0.69, 0.5]), ("ST-GS", [0.4, 0.33]), ("ReinMax", [0.78, 0.4]), ("GR-MC10", [0.38, 0.35]), ("RF(4)", [0.009]));
        Assert.Equal(["RF(4)"], AxisOutliers.Find(bias, AxisScale.Log, curves: ["ST", "ST-GS", "ReinMax", "GR-MC10"]));
    }

    [Fact]
    public void TwoSeriesApartAreBothFoundFarthestFirst()
    {
        var values = Series(("a", [1.0]), ("b", [1.1]), ("c", [1.05]), ("d", [1.02]), ("far", [100.0]), ("farther", [-300.0]));
        Assert.Equal(["farther", "far"], AxisOutliers.Find(values, AxisScale.Linear));
    }
}

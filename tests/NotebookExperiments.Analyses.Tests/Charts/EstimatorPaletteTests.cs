using NotebookExperiments.Charts;
using NotebookExperiments.Estimators;

namespace NotebookExperiments.Tests.Charts;

/// <summary>One colour per estimator title, the same in every figure and every process.</summary>
public class EstimatorPaletteTests
{
    [Fact]
    public void EveryBuiltInEstimatorHasItsOwnFixedColour()
    {
        var titles = EstimatorCatalog.CreateBuiltIn().Definitions.Select(d => d.Title).ToList();
        Assert.All(titles, t => Assert.True(EstimatorPalette.Colors.ContainsKey(t), $"no fixed colour for {t}"));
        var colours = titles.Select(EstimatorPalette.ColorOf).ToList();
        Assert.Equal(colours.Count, colours.Distinct().Count());
        Assert.All(colours, c => Assert.Matches("^#[0-9A-F]{6}$", c));
    }

    [Fact]
    public void GumbelRaoShadesDarkenWithK()
    {
        var shades = new[] { "GR-MC1", "GR-MC10", "GR-MC100", "GR-MC1000" }.Select(EstimatorPalette.ColorOf).ToList();
        Assert.Equal(EstimatorPalette.GumbelRaoShades.Take(4), shades);
        Assert.Equal(EstimatorPalette.ColorOf("GR-MCK"), EstimatorPalette.ColorOf("gr-mc10"));
    }

    [Fact]
    public void FamiliesAndCaseAreRecognised()
    {
        Assert.Equal(EstimatorPalette.ColorOf("RF(M)"), EstimatorPalette.ColorOf("RF(4)"));
        Assert.Equal(EstimatorPalette.ColorOf("GST-1.0"), EstimatorPalette.ColorOf("GST-0.5"));
        Assert.Equal(EstimatorPalette.ColorOf("ReinMax-RK2(β)"), EstimatorPalette.ColorOf("ReinMax-RK2(0.55)"));
        Assert.Equal(EstimatorPalette.ColorOf("ReinMax-RK2-trap(β)"), EstimatorPalette.ColorOf("ReinMax-RK2-trap(0.5)"));
        Assert.Equal(EstimatorPalette.ColorOf("ZGR"), EstimatorPalette.ColorOf(" zgr "));
    }

    [Fact]
    public void UnknownTitlesGetAStableFallbackColour()
    {
        var colour = EstimatorPalette.ColorOf("my-darn");
        Assert.Contains(colour, EstimatorPalette.FallbackColors);
        Assert.Equal(colour, EstimatorPalette.ColorOf("MY-DARN"));
        // FNV-1a of "my-darn" is fixed, so the colour is the same in every process (string.GetHashCode is not).
        Assert.Equal(colour, EstimatorPalette.ColorOf("my-darn"));
        Assert.DoesNotContain(EstimatorPalette.FallbackColors, EstimatorPalette.Colors.Values.Contains);
    }

    [Fact]
    public void OpacityGivesRgba()
    {
        Assert.Equal("rgba(76,120,168,0.18)", EstimatorPalette.WithOpacity("#4C78A8", 0.18));
        Assert.Throws<ArgumentException>(() => EstimatorPalette.WithOpacity("blue", 0.5));
    }
}

using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Charts;
using NotebookExperiments.Estimators;
using NotebookExperiments.Tests.Analyses;

namespace NotebookExperiments.Tests.Charts;

/// <summary>One colour per estimator title, the same in every figure and every process.</summary>
public class EstimatorPaletteTests
{
    [Fact]
    public void EveryBuiltInEstimatorIsDrawnInItsCatalogueColour()
    {
        foreach (var definition in EstimatorCatalog.CreateBuiltIn().Definitions)
            Assert.Equal(definition.Colour, EstimatorPalette.ColorOf(definition.Title));
    }

    [Fact]
    public void ReinMaxCvVariantsAreTitledAndColouredApart()
    {
        // The authors' variants are parameterisations of ReinMax-CV with their own titles; a figure that compares them with the
        // conditional variant draws three colours.
        var titles = new[] { "reinmax-cv", "reinmax-cv:cv=forward", "reinmax-cv:cv=code" }.Select(EstimatorCatalog.Default.TitleOf).ToList();
        Assert.Equal(["ReinMax-CV", "ReinMax-CV (authors' forward noise)", "ReinMax-CV (authors' code)"], titles);
        var colours = titles.Select(EstimatorPalette.ColorOf).ToList();
        Assert.Equal("#5E3C99", colours[0]);
        Assert.Equal(3, colours.Distinct().Count());
    }

    [Fact]
    public void ANewCatalogueEntryIsTitledAndColouredInTheFigures()
    {
        // A built-in-style entry (class and catalogue entry; here ZGR's class under another name): its title and colour come
        // from the entry into every figure, with nothing else to add.
        EstimatorCatalog.Default.Register(new EstimatorDefinition("test-zgr-twin", "ZGR twin", "a test of the catalogue", [], _ => new Zgr())
        {
            Colour = "#0A0B0C",
        });
        Assert.Equal("ZGR twin", EstimatorCatalog.Default.TitleOf("test-zgr-twin"));
        Assert.Equal("#0A0B0C", EstimatorPalette.ColorOf("ZGR twin"));

        var frame = ChartFrames.BiasVariance();
        var estimators = (StringDataFrameColumn)frame["estimator"];
        var titles = (StringDataFrameColumn)frame["title"];
        for (long i = 0; i < frame.Rows.Count; i++)
            if (estimators[i] == "zgr") (estimators[i], titles[i]) = ("test-zgr-twin", EstimatorCatalog.Default.TitleOf("test-zgr-twin"));
        var figure = new FigureJson(BiasVarianceFigure.Create(frame, "test"));

        var twin = figure.DataTraces.Where(t => FigureJson.String(t, "name") == "ZGR twin").ToList();
        Assert.NotEmpty(twin);
        Assert.All(twin, t => Assert.Equal("#0A0B0C", BetaSweepFigureTests.HexOf(FigureJson.LineColor(t))));
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

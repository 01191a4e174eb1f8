using NotebookExperiments.Analyses;
using NotebookExperiments.Charts;
using NotebookExperiments.Tests.Analyses;
using Plotly.NET;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace NotebookExperiments.Tests.Charts;

/// <summary>The helpers the Plotly.NET C# layer lacks: titles, axes, grids, markers, footnotes, traces.</summary>
public class ChartStyleTests
{
    private static GenericChart Line(string name = "ST") =>
        ChartTraces.Line([0.1, 1.0], [1.0, 2.0], SeriesStyle.ForEstimator(name));

    [Fact]
    public void TitlesEscapeTextAndPutTheSubtitleOnASecondLine()
    {
        var figure = new FigureJson(ChartStyle.WithTitle(Line(), "a < b & c", "quick <preset>"));
        Assert.StartsWith("a &lt; b &amp; c<br><span", figure.Title, StringComparison.Ordinal);
        Assert.Contains("quick &lt;preset&gt;", figure.Title, StringComparison.Ordinal);
        Assert.Equal("a", new FigureJson(ChartStyle.WithTitle(Line(), "a", "  ")).Title);
    }

    [Fact]
    public void AxesByPanelWithScaleTitleAndTicks()
    {
        var chart = ChartStyle.Grid([Line(), Line()], columns: 2, ["left", "right"]);
        chart = ChartStyle.WithXAxis(chart, "τ", AxisScale.Log, panel: 2, tickValues: [0.1, 1]);
        chart = ChartStyle.WithYAxis(chart, "nats", AxisScale.Linear, panel: 1);
        var figure = new FigureJson(chart);
        Assert.Equal("log", figure.AxisType("xaxis2"));
        Assert.Equal([0.1, 1.0], FigureJson.Numbers(figure.Axis("xaxis2"), "tickvals"));
        Assert.Equal("linear", figure.AxisType("yaxis"));
        Assert.Equal("nats", figure.Axis("yaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal(["left", "right"], figure.AnnotationTexts);
        Assert.Equal(["x", "x2"], figure.Traces.Select(t => FigureJson.String(t, "xaxis")));
    }

    [Fact]
    public void GridsWrapIntoRowsAndCheckTheirTitles()
    {
        var figure = new FigureJson(ChartStyle.Grid([Line(), Line(), Line()], columns: 2));
        var grid = figure.Layout.GetProperty("grid");
        Assert.Equal((2, 2), (grid.GetProperty("rows").GetInt32(), grid.GetProperty("columns").GetInt32()));
        Assert.Throws<ArgumentException>(() => ChartStyle.Grid([Line()], 1, ["a", "b"]));
        Assert.Throws<ArgumentException>(() => ChartStyle.Grid([], 1));
    }

    [Fact]
    public void AVerticalMarkerSpansThePanelAndCarriesItsLabel()
    {
        var chart = ChartStyle.Grid([Line(), Line()], columns: 2);
        var figure = new FigureJson(ChartStyle.WithVerticalMarker(chart, 0.5, "ReinMax (β = ½)", panel: 2));
        var shape = Assert.Single(figure.Shapes);
        Assert.Equal(("x2", "y2 domain"), (FigureJson.String(shape, "xref"), FigureJson.String(shape, "yref")));
        Assert.Equal((0.5, 0.5, 0.0, 1.0), (shape.GetProperty("x0").GetDouble(), shape.GetProperty("x1").GetDouble(),
            shape.GetProperty("y0").GetDouble(), shape.GetProperty("y1").GetDouble()));
        Assert.Contains("ReinMax (β = ½)", figure.AnnotationTexts);
    }

    [Fact]
    public void FootnotesGrowTheFigureAndStackBelowEachOther()
    {
        var chart = ChartStyle.WithStandardLayout(Line(), 300, LegendPlacement.Below);
        int height = new FigureJson(chart).Layout.GetProperty("height").GetInt32();
        chart = ChartStyle.WithFootnote(chart, "first");
        chart = ChartStyle.WithFootnote(chart, "second\nline");
        var figure = new FigureJson(chart);
        Assert.Equal(height + 25 + 40, figure.Layout.GetProperty("height").GetInt32());
        Assert.Equal(["first", "second<br>line"], figure.AnnotationTexts);
        var shifts = figure.Layout.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("yshift").GetInt32()).ToList();
        Assert.True(shifts[1] < shifts[0]);
        Assert.Equal("h", FigureJson.String(figure.Layout.GetProperty("legend"), "orientation"));
    }

    [Fact]
    public void AFigureHasNoWidthOfItsOwnAndFollowsItsContainer()
    {
        var figure = new FigureJson(ChartStyle.WithStandardLayout(Line(), 300));
        Assert.False(figure.Layout.TryGetProperty("width", out _));
        Assert.True(figure.Layout.GetProperty("autosize").GetBoolean());
        Assert.True(figure.Root.GetProperty("config").GetProperty("responsive").GetBoolean());
        Assert.Equal(ChartStyle.FontFamily, figure.Layout.GetProperty("font").GetProperty("family").GetString());
        // The plot area keeps its height: the margins come on top of it.
        var margin = figure.Layout.GetProperty("margin");
        Assert.Equal(300, figure.Layout.GetProperty("height").GetInt32() - margin.GetProperty("t").GetInt32() - margin.GetProperty("b").GetInt32());
    }

    [Fact]
    public void ALegendBelowGetsTheRowsItsEntriesNeedAtTheNotebookWidth()
    {
        Assert.Equal(1, ChartStyle.LegendRows(["ST", "ST-GS", "ReinMax"]));
        var many = Enumerable.Range(0, 12).Select(i => $"ReinMax-CV (authors' code) {i}").ToList();
        int rows = ChartStyle.LegendRows(many);
        Assert.InRange(rows, 4, 6);
        Assert.Equal(0, ChartStyle.LegendRows([]));
        // Each further row lowers the bottom margin's floor by a row's height.
        var one = new FigureJson(ChartStyle.WithStandardLayout(Line("ST"), 300, LegendPlacement.Below));
        var chart = PlotlyChart.Combine(many.Select(name => ChartTraces.Line([1.0, 2.0], [1.0, 2.0], new SeriesStyle(name, "#336699"))));
        var tall = new FigureJson(ChartStyle.WithStandardLayout(chart, 300, LegendPlacement.Below));
        Assert.True(tall.Layout.GetProperty("margin").GetProperty("b").GetInt32() > one.Layout.GetProperty("margin").GetProperty("b").GetInt32() + 2 * 20);
    }

    [Fact]
    public void ALongSubtitleIsBrokenIntoLinesAndTheTopMarginGrows()
    {
        var words = string.Join(" ", Enumerable.Range(0, 30).Select(i => $"word{i:00}"));   // 209 characters: two lines
        var plain = new FigureJson(ChartStyle.WithTitle(ChartStyle.WithStandardLayout(Line(), 300, LegendPlacement.Below), "Title", "short"));
        var wrapped = new FigureJson(ChartStyle.WithTitle(ChartStyle.WithStandardLayout(Line(), 300, LegendPlacement.Below), "Title", words));
        Assert.Equal(2, wrapped.Title.Split("<br>").Length - 1);
        int extra = wrapped.Layout.GetProperty("margin").GetProperty("t").GetInt32() - plain.Layout.GetProperty("margin").GetProperty("t").GetInt32();
        Assert.InRange(extra, 21, 23);   // one line of the 17 px title's text (× 1.3)
        Assert.Equal(plain.Layout.GetProperty("height").GetInt32() + extra, wrapped.Layout.GetProperty("height").GetInt32());
    }

    [Fact]
    public void TheNoiseStatementIsALineOfItsOwnUnderTheSubtitleAndPanelTitlesGetRoom()
    {
        var chart = ChartStyle.WithStandardLayout(ChartStyle.Grid([Line(), Line()], 2, ["a", "b"]), 300);
        var figure = new FigureJson(ChartStyle.WithTitle(chart, "Title", "sub", "One seed: noise not measured."));
        var lines = figure.Title.Split("<br>");
        Assert.Equal(3, lines.Length);
        Assert.Contains(ChartStyle.NoiseColor, lines[2], StringComparison.Ordinal);
        Assert.Contains("One seed: noise not measured.", lines[2], StringComparison.Ordinal);
        var untitled = new FigureJson(ChartStyle.WithTitle(ChartStyle.WithStandardLayout(Line(), 300), "Title", "sub", "One seed: noise not measured."));
        Assert.True(figure.Layout.GetProperty("margin").GetProperty("t").GetInt32() >= untitled.Layout.GetProperty("margin").GetProperty("t").GetInt32() + 20);
    }

    [Fact]
    public void EpochAxesGetWholeNumberTicks()
    {
        var few = new FigureJson(ChartStyle.WithWholeNumberTicks(Line(), [1, 3, 6, 3]));
        Assert.Equal([1.0, 3, 6], FigureJson.Numbers(few.Axis("xaxis"), "tickvals"));
        Assert.Equal("d", FigureJson.String(few.Axis("xaxis"), "tickformat"));
        var many = new FigureJson(ChartStyle.WithWholeNumberTicks(Line(), Enumerable.Range(1, 50).Select(e => (double)e)));
        Assert.Equal("linear", FigureJson.String(many.Axis("xaxis"), "tickmode"));
        Assert.Equal(10, many.Axis("xaxis").GetProperty("dtick").GetDouble());
        var three = new FigureJson(ChartStyle.WithWholeNumberTicks(Line(), Enumerable.Range(1, 20).Select(e => (double)e)));
        Assert.Equal(5, three.Axis("xaxis").GetProperty("dtick").GetDouble());
    }

    [Fact]
    public void APanelNoteSitsInsideThePanelOnAWhiteGroundInItsLinesColours()
    {
        var chart = ChartStyle.Grid([Line(), Line()], 2);
        var figure = new FigureJson(ChartStyle.WithPanelNote(chart, [("↓ X: off this axis", "#112233"), ("second", "#445566")], panel: 2));
        var note = Assert.Single(figure.Layout.GetProperty("annotations").EnumerateArray());
        Assert.Equal(("x2 domain", "y2 domain"), (FigureJson.String(note, "xref"), FigureJson.String(note, "yref")));
        Assert.Contains("color:#112233", FigureJson.String(note, "text"), StringComparison.Ordinal);
        Assert.Contains("<br>", FigureJson.String(note, "text"), StringComparison.Ordinal);
        Assert.NotNull(FigureJson.String(note, "bgcolor"));
        Assert.Empty(new FigureJson(ChartStyle.WithPanelNote(ChartStyle.Grid([Line()], 1), [])).AnnotationTexts);
    }

    [Fact]
    public void LongFootnoteLinesAreBrokenAtSpaces()
    {
        var words = string.Join(" ", Enumerable.Range(0, 60).Select(i => $"word{i:00}"));   // 60 × 7 − 1 = 419 characters
        var figure = new FigureJson(ChartStyle.WithFootnote(ChartStyle.WithStandardLayout(Line(), 300, LegendPlacement.Below), words));
        var lines = figure.AnnotationTexts.Single().Split("<br>");
        Assert.Equal(3, lines.Length);
        Assert.All(lines, l => Assert.True(l.Length <= ChartStyle.FootnoteLineLength, l));
        Assert.Equal(words, string.Join(" ", lines));
    }

    [Fact]
    public void MeanWithBandLeavesOutNonFiniteMeansAndSplitsTheBandAtUnknownSpreads()
    {
        var chart = ChartTraces.MeanWithBand(
            [1, 2, 3, 4, 5, 6], [10, 11, double.NaN, 13, 14, 15], [1, 1, 1, double.NaN, 1, 1],
            SeriesStyle.ForEstimator("ZGR"), ["a", "b", "c", "d", "e", "f"]);
        var figure = new FigureJson(chart);
        var line = Assert.Single(figure.DataTraces);
        Assert.Equal([1.0, 2, 4, 5, 6], FigureJson.Numbers(line, "x"));
        Assert.Equal(["a", "b", "d", "e", "f"], FigureJson.Strings(line, "customdata"));
        Assert.Equal(2, figure.Bands.Count);
        Assert.Equal([1.0, 2, 2, 1], FigureJson.Numbers(figure.Bands[0], "x"));
        Assert.Equal([5.0, 6, 6, 5], FigureJson.Numbers(figure.Bands[1], "x"));
        Assert.All(figure.Traces, t => Assert.Equal("ZGR", FigureJson.String(t, "legendgroup")));
        Assert.Equal(["ZGR"], figure.LegendEntries);
    }

    [Fact]
    public void HoverTextMustMatchThePoints() =>
        Assert.Throws<ArgumentException>(() => ChartTraces.Line([1, 2], [1, 2], SeriesStyle.ForEstimator("ST"), ["only one"]));

    [Fact]
    public void CombinedTracesKeepTheirColours()
    {
        var figure = new FigureJson(PlotlyChart.Combine([Line("ST"), Line("ReinMax")]));
        Assert.Equal([EstimatorPalette.ColorOf("ST"), EstimatorPalette.ColorOf("ReinMax")],
            figure.Traces.Select(t => BetaSweepFigureTests.HexOf(FigureJson.LineColor(t))));
    }
}

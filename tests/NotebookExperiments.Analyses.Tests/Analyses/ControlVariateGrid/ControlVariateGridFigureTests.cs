using System.Text.Json;
using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Charts;
using NotebookExperiments.Tests.Charts;

namespace NotebookExperiments.Tests.Analyses;

/// <summary>The η × τ₂ map of ReinMax-CV against ReinMax (τ = 1): one heatmap per control variate and measure, annotated cells,
/// colours centred on ReinMax, the reference stated.</summary>
public class ControlVariateGridFigureTests
{
    private const string Reference = "reinmax:tau=1";

    /// <summary>ReinMax at cosine 0.8, relative std 2; ours at η ∈ {0.5, 1}, τ₂ ∈ {0.1, 1} with relative std 2 + η/τ₂ … and the
    /// authors' code form at one cell only, with relative std 1 and cosine 0.5.</summary>
    private static DataFrame Frame()
    {
        var rows = new List<(string Spec, double Cosine, double Std)> { (Reference, 0.8, 2.0), ("st:tau=1", 0.4, 3.0) };
        foreach (var eta in new[] { 0.5, 1.0 })
            foreach (var tau2 in new[] { 1.0, 0.1 })
                rows.Add(($"reinmax-cv:eta={eta},tau2={tau2},k=100", 0.8 - 0.01 * eta, 2.0 + eta / tau2));
        rows.Add(("reinmax-cv:cv=code,eta=0.5,tau2=0.1,k=100", 0.5, 1.0));
        return new DataFrame(
            new Int32DataFrameColumn("epoch", rows.Select(_ => 6)),
            new StringDataFrameColumn("estimator", rows.Select(r => r.Spec)),
            new DoubleDataFrameColumn("cosine", rows.Select(r => r.Cosine)),
            new DoubleDataFrameColumn("relative_std", rows.Select(r => r.Std)));
    }

    private static FigureJson Figure() => new(ControlVariateGridFigure.Create(Frame(), ChartFrames.Subtitle));

    private static IReadOnlyList<JsonElement> Heatmaps(FigureJson figure) => figure.Traces.Where(t => FigureJson.String(t, "type") == "heatmap").ToList();

    private static double?[][] Z(JsonElement trace) => trace.GetProperty("z").EnumerateArray()
        .Select(r => r.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray()).ToArray();

    private static string[][] Text(JsonElement trace) =>
        trace.GetProperty("text").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetString()!).ToArray()).ToArray();

    [Fact]
    public void OneHeatmapPerVariantAndMeasureInTwoRowsWithCategoricalAxes()
    {
        var figure = Figure();
        var maps = Heatmaps(figure);
        Assert.Equal(4, maps.Count);
        Assert.Equal(["coloraxis", "coloraxis", "coloraxis2", "coloraxis2"], maps.Select(t => FigureJson.String(t, "coloraxis")));
        Assert.Equal(["x", "x2", "x3", "x4"], maps.Select(t => FigureJson.String(t, "xaxis") ?? "x"));
        foreach (var axis in new[] { "xaxis", "yaxis", "xaxis4", "yaxis4" }) Assert.Equal("category", figure.AxisType(axis));
        // Columns are τ₂ and rows η, in increasing order whatever the order of the frame.
        Assert.All(maps, t =>
        {
            Assert.Equal(["0.1", "1"], FigureJson.Strings(t, "x"));
            Assert.Equal(["0.5", "1"], FigureJson.Strings(t, "y"));
        });
        Assert.All(maps, t => Assert.False(t.GetProperty("showlegend").GetBoolean()));
        // Two rows of two panels, side by side within each row, the top row above the bottom one, the colour bars to their right.
        double[] Domain(string axis) => FigureJson.Numbers(figure.Axis(axis), "domain");
        Assert.Equal(Domain("xaxis"), Domain("xaxis3"));
        Assert.True(Domain("xaxis")[1] < Domain("xaxis2")[0]);
        Assert.Equal(Domain("yaxis"), Domain("yaxis2"));
        Assert.True(Domain("yaxis3")[1] < Domain("yaxis")[0]);
        Assert.True(Domain("xaxis2")[1] < figure.Layout.GetProperty("coloraxis").GetProperty("colorbar").GetProperty("x").GetDouble());
        // η's title on the first column, τ₂'s under the bottom row, each once per panel that needs it (no titles run into a neighbour).
        string? Title(string axis) => figure.Axis(axis).TryGetProperty("title", out var t) ? t.GetProperty("text").GetString() : null;
        Assert.Equal(["η (control-variate weight)", null, "η (control-variate weight)", null], new[] { "yaxis", "yaxis2", "yaxis3", "yaxis4" }.Select(Title));
        Assert.Equal([null, null, "τ₂ (control-variate temperature)", "τ₂ (control-variate temperature)"], new[] { "xaxis", "xaxis2", "xaxis3", "xaxis4" }.Select(Title));
        // Each row under a heading naming its measure; the control variates' short names over the columns of both rows.
        Assert.Equal(2, figure.AnnotationTexts.Count(t => t == ControlVariateGridFigure.ColumnTitles["conditional"]));
        Assert.Equal(2, figure.AnnotationTexts.Count(t => t == ControlVariateGridFigure.ColumnTitles["code"]));
        Assert.Contains(figure.AnnotationTexts, t => t.StartsWith("Relative std ÷ ReinMax's", StringComparison.Ordinal));
        Assert.Contains(figure.AnnotationTexts, t => t.StartsWith("Cosine − ReinMax's", StringComparison.Ordinal));
    }

    [Fact]
    public void TheTopRowColoursTheLogOfTheRelativeStdRatioAndTheBottomRowTheCosineDifferenceEachCellAnnotated()
    {
        var maps = Heatmaps(Figure());
        var ours = Z(maps[0]);
        // Ours at (η = 0.5, τ₂ = 0.1): relative std 7 against ReinMax's 2; at (1, 1): 3 against 2.
        Assert.Equal(Math.Log(7.0 / 2), ours[0][0]!.Value, 12);
        Assert.Equal(Math.Log(3.0 / 2), ours[1][1]!.Value, 12);
        Assert.Equal([["3.50", "1.25"], ["6.00", "1.50"]], Text(maps[0]));
        Assert.Equal("%{text}", FigureJson.String(maps[0], "texttemplate"));
        // The code form has one cell: the others are blank (null, no text), not zero.
        var code = Z(maps[1]);
        Assert.Equal(Math.Log(0.5), code[0][0]!.Value, 12);
        Assert.Null(code[0][1]);
        Assert.Null(code[1][0]);
        Assert.Equal(["0.50", ""], Text(maps[1])[0]);
        // Bottom row: cosine − ReinMax's, signed.
        Assert.Equal(-0.005, Z(maps[2])[0][0]!.Value, 12);
        Assert.Equal(-0.3, Z(maps[3])[0][0]!.Value, 12);
        Assert.Equal("−0.300", Text(maps[3])[0][0]);
        Assert.Contains("cosine 0.5 (ReinMax 0.8), relative std 1 (ReinMax 2)", maps[3].GetProperty("customdata")[0][0].GetString()!, StringComparison.Ordinal);
        Assert.Equal("η = 0.5, τ₂ = 1: not run", maps[3].GetProperty("customdata")[0][1].GetString());
    }

    [Fact]
    public void TheColourScalesAreCentredOnReinMaxWithBlueForBetter()
    {
        var layout = Figure().Layout;
        var ratio = layout.GetProperty("coloraxis");
        double logSpan = Math.Log(6.0);              // the largest |log ratio|: ours at (η, τ₂) = (1, 0.1)
        Assert.Equal(-logSpan, ratio.GetProperty("cmin").GetDouble(), 12);
        Assert.Equal(logSpan, ratio.GetProperty("cmax").GetDouble(), 12);
        var scale = ratio.GetProperty("colorscale");
        Assert.Equal(ControlVariateGridFigure.Better, scale[0][1].GetString());   // low ratio: less spread
        Assert.Equal(ControlVariateGridFigure.Worse, scale[2][1].GetString());
        var ticks = ratio.GetProperty("colorbar").GetProperty("ticktext").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains("1", ticks);
        Assert.Contains("2", ticks);
        // Ticks at least 18 px apart on a bar as tall as a row of panels (120 px here): e^±log 6 over 120 px leaves room for 5.
        var values = FigureJson.Numbers(ratio.GetProperty("colorbar"), "tickvals");
        Assert.All(values.Zip(values.Skip(1)), pair => Assert.True((pair.Second - pair.First) / (2 * logSpan) * 120 >= 18, $"{pair.First}, {pair.Second}"));
        var cosine = layout.GetProperty("coloraxis2");
        Assert.Equal(0.3, cosine.GetProperty("cmax").GetDouble(), 12);
        Assert.Equal(-0.3, cosine.GetProperty("cmin").GetDouble(), 12);
        Assert.Equal(ControlVariateGridFigure.Worse, cosine.GetProperty("colorscale")[0][1].GetString());  // lower cosine: worse
    }

    [Fact]
    public void TheTitleStatesTheReferenceAndTheFootnoteTheArgument()
    {
        var figure = Figure();
        Assert.StartsWith(ControlVariateGridFigure.Title + ": cosine 0.8, relative std 2", figure.Title, StringComparison.Ordinal);
        Assert.Contains("One seed and no standard error per cell", figure.PlainTitle, StringComparison.Ordinal);
        var footnote = figure.AnnotationTexts.Last().Replace("<br>", " ", StringComparison.Ordinal);
        Assert.Contains("at the checkpoint of epoch 6; one seed, a single realisation", footnote, StringComparison.Ordinal);
        Assert.Contains("Var(g_RM + η c) = Var(g_RM) + η² E[Var(c | D)]", footnote, StringComparison.Ordinal);
        Assert.Contains("what the authors' code plots for the caption's \"variance\"", footnote, StringComparison.Ordinal);
        Assert.DoesNotContain("Blank:", footnote, StringComparison.Ordinal);   // a cell not run is not a non-finite one
    }

    [Fact]
    public void ACellWithoutAFiniteValueIsBlankAndNamed()
    {
        var frame = Frame();
        frame["relative_std"][5] = double.NaN;          // ours at η = 1, τ₂ = 0.1
        var figure = new FigureJson(ControlVariateGridFigure.Create(frame, ""));
        Assert.Null(Z(Heatmaps(figure)[0])[1][0]);
        Assert.Contains("Blank: ours (conditional, mean-zero) η = 1, τ₂ = 0.1 (relative std not finite)",
            figure.AnnotationTexts.Last().Replace("<br>", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}

using System.Globalization;
using Microsoft.Data.Analysis;
using NotebookExperiments.Charts;
using NotebookExperiments.Estimators;
using Plotly.NET;
using Plotly.NET.LayoutObjects;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace NotebookExperiments.Analyses;

/// <summary>
/// ReinMax-CV over the authors' η × τ₂ search grid (docs/estimators.md, C.2) as a map of gradient statistics at one checkpoint,
/// each cell set against ReinMax at τ = 1, the estimate the control variate is added to: one heatmap per control variate
/// (ours, <c>cv=conditional</c>; the authors' <c>cv=forward</c> and <c>cv=code</c>) in two rows — the relative std divided by
/// ReinMax's, and the cosine with the exact gradient minus ReinMax's — so that a reader sees where, if anywhere, a control
/// variate lowers the spread, and at what bias.
/// </summary>
/// <remarks>
/// With g_RM ReinMax's estimate (a function of D alone) and c the control variate, Var(g_RM + η c) = Var(g_RM + η m(D)) +
/// η² E[Var(c | D)], m(D) = E[c | D] (B.15). Ours has m(D) = 0, so its ratio cannot lie below 1 beyond Monte-Carlo noise; the
/// authors' have m(D) ≠ 0 (B.16) and may lie below 1, with a mean that moves away from ReinMax's.
/// </remarks>
public static class ControlVariateGridFigure
{
    /// <summary>The figure title's first part; the reference's statistics follow it.</summary>
    public const string Title = "ReinMax-CV over the authors' η × τ₂ grid against ReinMax (τ = 1)";

    /// <summary>The colour of a cell better than ReinMax (less spread, or closer to the exact gradient).</summary>
    public const string Better = "#2166AC";

    /// <summary>The colour of a cell equal to ReinMax.</summary>
    public const string Same = "#F7F7F7";

    /// <summary>The colour of a cell worse than ReinMax.</summary>
    public const string Worse = "#B2182B";

    /// <summary>The column titles of the control variates, short enough for a panel a third of a notebook wide.</summary>
    public static IReadOnlyDictionary<string, string> ColumnTitles { get; } = new Dictionary<string, string>
    {
        ["conditional"] = "ours (mean-zero)",
        ["forward"] = "authors' cv=forward",
        ["code"] = "authors' cv=code",
    };

    /// <summary>The names of the control variates in hover boxes and footnotes.</summary>
    public static IReadOnlyDictionary<string, string> VariantTitles { get; } = new Dictionary<string, string>
    {
        ["conditional"] = "ours (conditional, mean-zero)",
        ["forward"] = "authors' forward noise (cv=forward)",
        ["code"] = "authors' code (cv=code)",
    };

    /// <summary>
    /// Builds the figure from a bias/variance statistics frame (<see cref="ControlVariateGrid.Summarise"/> reads it): columns τ₂,
    /// rows η, one panel per control variate present, in two rows of panels. Top: the relative std of the cell divided by
    /// ReinMax's, coloured on a log scale centred at 1 (blue below: less spread). Bottom: its cosine minus ReinMax's, coloured on a
    /// scale centred at 0 (blue above: closer to the exact gradient). Each cell is annotated with its value; cells without a
    /// finite value are left blank and listed in the footnote. The title states ReinMax's cosine and relative std; the footnote
    /// says how the seeds are averaged, what the relative std is, and why ours cannot lie below 1.
    /// </summary>
    /// <param name="statistics">Rows of <c>estimator</c>, <c>cosine</c>, <c>relative_std</c>, optionally <c>epoch</c> and <c>seed</c>,
    /// with ReinMax (τ = 1) and the ReinMax-CV cells (<see cref="BiasVarianceParameters.WithControlVariateGrid"/>).</param>
    /// <param name="subtitle">The second title line, e.g. <see cref="BiasVarianceParameters.Describe"/>.</param>
    /// <param name="epoch">The checkpoint mapped; null for the last one in the frame.</param>
    /// <exception cref="ArgumentException">As <see cref="ControlVariateGrid.Summarise"/>.</exception>
    public static GenericChart Create(DataFrame statistics, string subtitle, int? epoch = null)
    {
        var summary = ControlVariateGrid.Summarise(statistics, epoch);
        int n = (int)summary.Rows.Count;
        var variant = Enumerable.Range(0, n).Select(i => (string)summary[Columns.Variant][i]).ToArray();
        var eta = Enumerable.Range(0, n).Select(i => (double)summary[Columns.Eta][i]).ToArray();
        var tau2 = Enumerable.Range(0, n).Select(i => (double)summary[Columns.Tau2][i]).ToArray();
        var seeds = Enumerable.Range(0, n).Select(i => (int)summary[Columns.Seeds][i]).ToArray();
        var cosine = Enumerable.Range(0, n).Select(i => (double)summary[Columns.Cosine][i]).ToArray();
        var relativeStd = Enumerable.Range(0, n).Select(i => (double)summary[Columns.RelativeStd][i]).ToArray();
        var ratio = Enumerable.Range(0, n).Select(i => (double)summary[Columns.RelativeStdRatio][i]).ToArray();
        var difference = Enumerable.Range(0, n).Select(i => (double)summary[Columns.CosineDifference][i]).ToArray();
        var specs = Enumerable.Range(0, n).Select(i => (string)summary[Columns.Spec][i]).ToArray();
        int chosen = (int)summary[Columns.Epoch][0];
        double referenceCosine = (double)summary[Columns.ReferenceCosine][0], referenceStd = (double)summary[Columns.ReferenceRelativeStd][0];

        var variants = variant.Distinct().ToList();
        var etas = eta.Distinct().Order().ToList();
        var tau2s = tau2.Distinct().Order().ToList();
        var etaLabels = etas.Select(Label).ToArray();
        var tau2Labels = tau2s.Select(Label).ToArray();
        int Cell(string v, double e, double t) => Enumerable.Range(0, n).FirstOrDefault(i => variant[i] == v && eta[i] == e && tau2[i] == t, -1);

        // The colour range: symmetric around 1 on a log scale, and around 0, covering every finite cell (at least ×1.25 and ±0.02).
        double logSpan = Math.Max(Math.Log(1.25), ratio.Where(r => double.IsFinite(r) && r > 0).Select(r => Math.Abs(Math.Log(r))).DefaultIfEmpty(0).Max());
        double span = Math.Max(0.02, difference.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max());

        var panels = new List<GenericChart>();
        var missing = new List<string>();
        foreach (var (row, measure) in new[] { (0, "relative std ÷ ReinMax's"), (1, "cosine − ReinMax's") })
        {
            foreach (var v in variants)
            {
                var z = new object?[etas.Count][];
                var text = new string[etas.Count][];
                var hover = new string[etas.Count][];
                for (int a = 0; a < etas.Count; a++)
                {
                    (z[a], text[a], hover[a]) = (new object?[tau2s.Count], new string[tau2s.Count], new string[tau2s.Count]);
                    for (int b = 0; b < tau2s.Count; b++)
                    {
                        int i = Cell(v, etas[a], tau2s[b]);
                        double value = i < 0 ? double.NaN : row == 0 ? ratio[i] : difference[i];
                        bool drawable = double.IsFinite(value) && (row == 1 || value > 0);
                        z[a][b] = drawable ? row == 0 ? Math.Log(value) : value : null;
                        text[a][b] = !drawable ? "" : row == 0 ? value.ToString("0.00", CultureInfo.InvariantCulture) : Phrases.Signed(value, 3);
                        hover[a][b] = i < 0 ? $"η = {etaLabels[a]}, τ₂ = {tau2Labels[b]}: not run"
                            : $"{PlotText.Escape(VariantTitles.GetValueOrDefault(v, v))}, η = {etaLabels[a]}, τ₂ = {tau2Labels[b]}<br>" +
                              $"cosine {PlotText.Number(cosine[i])} (ReinMax {PlotText.Number(referenceCosine)}), " +
                              $"relative std {PlotText.Number(relativeStd[i])} (ReinMax {PlotText.Number(referenceStd)})<br>" +
                              $"{PlotText.Count(seeds[i])} seed{(seeds[i] == 1 ? "" : "s")}<br>{PlotText.Escape(specs[i])}";
                        if (i >= 0 && !drawable)
                            missing.Add($"{VariantTitles.GetValueOrDefault(v, v)} η = {etaLabels[a]}, τ₂ = {tau2Labels[b]} ({(row == 0 ? "relative std" : "cosine")} not finite)");
                    }
                }
                panels.Add(Heatmap(z, text, hover, tau2Labels, etaLabels, row == 0 ? "coloraxis" : "coloraxis2", $"{v}: {measure}"));
            }
        }

        // Two rows of panels, each under a heading that names its measure, with the control variates' names over the columns;
        // η's title on the first column only, τ₂'s under the bottom row only, one colour bar beside each row. The layout is
        // set in pixels down the figure (its height is fixed) and in fractions across it (its width is its container's).
        int panelHeight = Math.Max(120, 40 * etas.Count);
        const int heading = 20, columnTitle = 20, tickRoom = 26, rowGap = 34;
        int rowHeight = heading + columnTitle + panelHeight;
        int plotHeight = 2 * rowHeight + tickRoom + rowGap;
        double Fraction(double pixelsFromTop) => 1 - pixelsFromTop / plotHeight;
        const double panelsRight = 0.84, columnGap = 0.05;
        double panelWidth = (panelsRight - columnGap * (variants.Count - 1)) / variants.Count;
        var chart = PlotlyChart.Combine(panels.Select((panel, i) => PlotlyProperties.MapTrace(panel, trace =>
            trace.With(("xaxis", ChartStyle.AxisName('x', i + 1)), ("yaxis", ChartStyle.AxisName('y', i + 1))))));
        var headings = new[] { "Relative std ÷ ReinMax's (blue below 1: less spread than ReinMax)", "Cosine − ReinMax's (blue above 0: closer to the exact gradient than ReinMax)" };
        chart = PlotlyProperties.MapLayout(chart, layout =>
        {
            var annotations = new List<Annotation>();
            for (int row = 0; row < 2; row++)
            {
                double top = row * (rowHeight + tickRoom + rowGap);
                annotations.Add(Heading(headings[row], 0, Fraction(top), "left", 14));
                for (int c = 0; c < variants.Count; c++)
                {
                    int p = row * variants.Count + c + 1;
                    double left = c * (panelWidth + columnGap);
                    var x = CategoryAxis(row == 1 ? "τ₂ (control-variate temperature)" : null, left, left + panelWidth,
                        ChartStyle.AxisName('y', p));
                    var y = CategoryAxis(c == 0 ? "η (control-variate weight)" : null, Fraction(top + heading + columnTitle + panelHeight),
                        Fraction(top + heading + columnTitle), ChartStyle.AxisName('x', p));
                    layout.SetProperty(ChartStyle.AxisProperty('x', p), x);
                    layout.SetProperty(ChartStyle.AxisProperty('y', p), y);
                    annotations.Add(Heading(ColumnTitles.GetValueOrDefault(variants[c], variants[c]), left + panelWidth / 2, Fraction(top + heading), "center", 13));
                }
            }
            layout.SetProperty("annotations", annotations.ToArray());
            double barLength = (double)panelHeight / plotHeight;
            var ratioTicks = LogTicks(logSpan, panelHeight).ToArray();
            layout.SetProperty("coloraxis", ColourAxis(-logSpan, logSpan, [Worse, Same, Better], "relative std ÷ ReinMax's",
                Fraction(heading + columnTitle + panelHeight / 2.0), barLength, ratioTicks.Select(r => Math.Log(r)).ToArray(), ratioTicks.Select(r => Label(r)).ToArray(), reverse: true));
            layout.SetProperty("coloraxis2", ColourAxis(-span, span, [Worse, Same, Better], "cosine − ReinMax's",
                Fraction(rowHeight + tickRoom + rowGap + heading + columnTitle + panelHeight / 2.0), barLength, null, null, reverse: false));
        });
        chart = ChartStyle.WithStandardLayout(chart, plotHeight, axisRoom: 56);
        var notes = new List<string>
        {
            $"Each cell: ReinMax-CV at (η, τ₂), K = {string.Join(", ", Enumerable.Range(0, n).Select(i => (int)summary[Columns.K][i]).Distinct())}, " +
            $"at the checkpoint of epoch {PlotText.Count(chosen)}; {SeedText(seeds)}. Reference: ReinMax (τ = 1) on the same batch, cosine " +
            $"{PlotText.Number(referenceCosine)}, relative std {PlotText.Number(referenceStd)}. Top: relative std ÷ ReinMax's (blue below 1: " +
            "less spread); bottom: cosine − ReinMax's (blue above 0: closer to the exact gradient).",
            BiasVarianceFigure.RelativeStdNote,
            "Ours is mean-zero given D while ReinMax's estimate is a function of D, so Var(g_RM + η c) = Var(g_RM) + η² E[Var(c | D)]: " +
            "its ratio is at least 1 up to Monte-Carlo noise (docs/estimators.md, B.15). The authors' control variates are not " +
            "mean-zero (B.16): a ratio below 1 comes with a mean that differs from ReinMax's.",
        };
        if (missing.Count > 0) notes.Add("Blank: " + string.Join("; ", missing));
        chart = ChartStyle.WithFootnote(chart, string.Join("\n", notes));
        return ChartStyle.WithTitle(chart,
            $"{Title}: cosine {PlotText.Number(referenceCosine)}, relative std {PlotText.Number(referenceStd)}", subtitle, NoiseStatement(seeds));
    }

    private static GenericChart Heatmap(object?[][] z, string[][] text, string[][] hover, string[] x, string[] y, string colourAxis, string name)
    {
        var chart = PlotlyChart.Heatmap<double, string, string, string>(
            y.Select(_ => x.Select(_ => 0.0)), X: x, Y: y, Name: name, XGap: 2, YGap: 2, UseDefaults: false);
        return PlotlyProperties.MapTrace(chart, trace => trace.With(("z", z), ("text", text), ("texttemplate", "%{text}"), ("customdata", hover),
            ("hovertemplate", "%{customdata}<extra></extra>"), ("coloraxis", colourAxis), ("showlegend", false)));
    }

    private static LinearAxis CategoryAxis(string? title, double from, double to, string anchor)
    {
        var axis = new LinearAxis().With(("type", "category"));
        if (title is not null) axis.SetProperty("title", new Title().With(("text", PlotText.Escape(title))));
        return axis.With(("showgrid", false), ("domain", new[] { Math.Clamp(from, 0, 1), Math.Clamp(to, 0, 1) }), ("anchor", anchor),
            ("automargin", true));
    }

    /// <summary>A heading or column title: text whose top is at (<paramref name="x"/>, <paramref name="y"/>) of the paper.</summary>
    private static Annotation Heading(string text, double x, double y, string xanchor, int size) =>
        new Annotation().With(("text", PlotText.Escape(text)), ("showarrow", false), ("xref", "paper"), ("yref", "paper"), ("x", x), ("y", y),
            ("xanchor", xanchor), ("yanchor", "top"), ("font", ChartStyle.FontOfSize(size)));

    private static DynamicObj.DynamicObj ColourAxis(double min, double max, string[] colours, string title, double y, double length,
        double[]? tickValues, string[]? tickText, bool reverse)
    {
        var scale = reverse ? colours.Reverse().ToArray() : colours;
        var bar = new DynamicObj.DynamicObj().With(("title", new DynamicObj.DynamicObj().With(("text", PlotText.Escape(title)), ("side", "right"))),
            ("x", 0.87), ("xanchor", "left"), ("y", y), ("yanchor", "middle"), ("len", length), ("lenmode", "fraction"), ("thickness", 14));
        if (tickValues is not null) bar.With(("tickmode", "array"), ("tickvals", tickValues), ("ticktext", tickText!));
        else bar.SetProperty("nticks", 5);
        return new DynamicObj.DynamicObj().With(("cmin", min), ("cmax", max),
            ("colorscale", new object[][] { [0.0, scale[0]], [0.5, scale[1]], [1.0, scale[2]] }), ("colorbar", bar));
    }

    /// <summary>
    /// Ratios for the colour bar's ticks within e^±span, at least <see cref="ColourBarTickSpacing"/> pixels apart on a bar
    /// <paramref name="barPixels"/> long: 1, then ×/÷ 1.25, 1.5, 2, 3, 4, 8, … as they fit.
    /// </summary>
    private static IEnumerable<double> LogTicks(double span, double barPixels)
    {
        var chosen = new List<double> { 0 };
        foreach (var r in new[] { 1.25, 1.5, 2, 3, 4, 8, 16, 32 })
        {
            double log = Math.Log(r);
            if (log > span + 1e-12) break;
            if ((log - chosen[^1]) / (2 * span) * barPixels >= ColourBarTickSpacing) chosen.Add(log);
        }
        return chosen.Skip(1).Select(l => Math.Exp(-l)).Reverse().Append(1.0).Concat(chosen.Skip(1).Select(Math.Exp))
            .Select(r => Math.Round(r, 3));
    }

    /// <summary>The least distance in pixels between two ticks of the ratio colour bar (its labels are 11–13 px high).</summary>
    private const double ColourBarTickSpacing = 18;

    /// <summary>The line under the title on noise: the seeds behind each cell, and that no standard error is computed.</summary>
    private static string NoiseStatement(int[] seeds) =>
        (seeds.Distinct().Count() == 1 && seeds[0] == 1 ? "One seed" : $"Mean of {string.Join(" or ", seeds.Distinct().Order().Select(n => PlotText.Count(n)))} seeds") +
        " and no standard error per cell: differences of a few hundredths in cosine, or ratios near 1, may be Monte-Carlo noise.";

    private static string Label(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string SeedText(int[] seeds) =>
        seeds.Distinct().Count() == 1 && seeds[0] == 1 ? "one seed, a single realisation (no standard error)"
        : $"mean over {string.Join(" or ", seeds.Distinct().Order().Select(s => PlotText.Count(s)))} seeds of each statistic";
}

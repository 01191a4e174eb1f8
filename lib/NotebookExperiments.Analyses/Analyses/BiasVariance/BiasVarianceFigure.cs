using Microsoft.Data.Analysis;
using NotebookExperiments.Charts;
using NotebookExperiments.Published;
using NotebookExperiments.Statistics;
using Plotly.NET;

namespace NotebookExperiments.Analyses;

/// <summary>
/// Beyond ReinMax, Figure 1: bias and variance of each estimator at checkpoints of a ReinMax-trained VAE — the cosine
/// similarity between the mean estimate and the exact gradient, and the relative standard deviation of the estimates, both
/// against the epoch of the checkpoint.
/// </summary>
public static class BiasVarianceFigure
{
    /// <summary>The figure title.</summary>
    public const string Title = "Bias and variance over training (Beyond ReinMax, Fig. 1)";

    /// <summary>The columns <see cref="Create"/> reads.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } = [Columns.Epoch, Columns.Estimator, Columns.Title, Columns.Cosine, Columns.RelativeStd, Columns.Samples];

    /// <summary>The optional column of the training seed; rows of several seeds are averaged with a ± 1 s.e. band.</summary>
    public const string SeedColumn = "seed";

    /// <summary>The marker of the published cosines.</summary>
    public static StyleParam.MarkerSymbol PublishedSymbol => StyleParam.MarkerSymbol.Diamond;

    private static readonly StyleParam.DrawingStyle[] DashesForSharedTitles =
        [StyleParam.DrawingStyle.Solid, StyleParam.DrawingStyle.Dash, StyleParam.DrawingStyle.Dot, StyleParam.DrawingStyle.DashDot];

    /// <summary>The legend entry of the published cosines.</summary>
    public static string PublishedSeriesName =>
        $"published cosine ({PublishedResults.Authors}, {PlotText.Count(PublishedResults.BiasVarianceCosine[0].Cosine.Seeds)} seeds): mean ± 1 standard error";

    /// <summary>
    /// How far (as a share of our span) published cosines may lie beyond our range and still be drawn on our cosine panel; beyond
    /// that, or at epochs outside ours, they get a panel of their own, so that they never stretch our axes.
    /// </summary>
    public const double PublishedOverlayMargin = 0.1;

    /// <summary>
    /// Builds the figure: two panels side by side, cosine similarity with the exact gradient against epoch (linear) and
    /// relative standard deviation against epoch (log y), with ticks at our checkpoints. One line per estimator spec, in the order
    /// the specs first appear, named by its paper title and coloured by <see cref="EstimatorPalette"/>, with the same colour in
    /// both panels and one legend entry for both. Specs that share a title (e.g. two K of GR-MCK) are told apart by their spec in
    /// the legend and by dashes. With a <c>seed</c> column, each point is the mean over the seeds (as in the paper's figure) with a
    /// band of ± 1 standard error (sd/√n over seeds; no band for one seed), which a legend entry names; a line under the title
    /// says how many seeds there are and what they let a reader tell apart. A seed whose statistic is not finite (every estimate
    /// exactly zero) is left out of that mean and counted in a footnote; a point with no finite value, or a relative std ≤ 0
    /// (which a log axis cannot show), is not drawn and listed with its reason. The lower edge of a relative-std band is kept
    /// above zero (at most 99 % of the mean below it) so that the log axis can draw it. A series lying far apart from the others
    /// on a panel's axis (<see cref="AxisOutliers"/>, e.g. the authors' code's ReinMax-CV at cosine −0.9) is left off that panel
    /// and named, with its values, in a note inside it.
    /// With <paramref name="published"/>, the published cosine means (<see cref="PublishedResults.BiasVarianceCosine"/>: epochs 1,
    /// 10, …, 50) of every estimator whose spec is a published one are drawn as diamonds in its colour, in its legend group, with a
    /// grey legend entry for the kind: on our cosine panel when their epochs and values lie within ours (widened by
    /// <see cref="PublishedOverlayMargin"/>), otherwise in a panel of their own under it, joined by dotted lines; the footnote says
    /// whether our run is at the published protocol.
    /// </summary>
    /// <param name="frame">One row per (checkpoint, estimator[, seed]): <c>epoch</c>, <c>estimator</c> (spec, e.g.
    /// <c>reinmax:tau=1</c>), <c>title</c> (paper name, e.g. <c>ReinMax</c>), <c>cosine</c>, <c>relative_std</c>, <c>samples</c>,
    /// and optionally <c>seed</c>.</param>
    /// <param name="subtitle">The second title line, e.g. the preset the numbers come from.</param>
    /// <param name="published">Draw the published cosines, saying whether our run is comparable with them
    /// (<see cref="PublishedOverlay.For(NotebookExperiments.Analyses.BiasVarianceParameters)"/>); null draws ours alone.</param>
    /// <exception cref="ArgumentException">A column is missing or holds the wrong kind of value, or the frame is empty.</exception>
    public static GenericChart Create(DataFrame frame, string subtitle, PublishedOverlay? published = null)
    {
        var columns = new FrameColumns(frame, "The bias/variance figure", nameof(frame), [.. ColumnNames]);
        if (columns.RowCount == 0) throw new ArgumentException("The bias/variance frame has no rows.", nameof(frame));
        var epoch = columns.Integers(Columns.Epoch).Select(e => (double)e).ToArray();
        var spec = columns.Strings(Columns.Estimator);
        var title = columns.Strings(Columns.Title);
        var cosine = columns.Doubles(Columns.Cosine);
        var relativeStd = columns.Doubles(Columns.RelativeStd);
        var samples = columns.Integers(Columns.Samples);
        var seed = columns.Has(SeedColumn) ? columns.Integers(SeedColumn) : new long[columns.RowCount];
        int seedCount = seed.Distinct().Count();

        var specs = spec.Distinct().ToList();
        var titleOf = specs.ToDictionary(s => s, s => title[Array.IndexOf(spec, s)]);
        var specsByTitle = specs.GroupBy(s => titleOf[s]).ToDictionary(g => g.Key, g => g.ToList());
        string NameOf(string s) => specsByTitle[titleOf[s]].Count == 1 ? titleOf[s] : $"{titleOf[s]} ({s})";

        var notDrawn = new List<string>();
        var partial = new List<string>();
        var series = new List<(string Spec, string Name, SeriesStyle Style, Point[] Cosine, Point[] RelativeStd)>();
        foreach (var s in specs)
        {
            var sameTitle = specsByTitle[titleOf[s]];
            var name = NameOf(s);
            var style = new SeriesStyle(name, EstimatorPalette.ColorOf(titleOf[s]),
                Dash: sameTitle.Count == 1 ? null : DashesForSharedTitles[sameTitle.IndexOf(s) % DashesForSharedTitles.Length]);
            var points = Enumerable.Range(0, spec.Length).Where(i => spec[i] == s).GroupBy(i => epoch[i]).OrderBy(g => g.Key)
                .Select(g => (Epoch: g.Key, Rows: g.ToArray(),
                    Cosine: SampleStatistics.Of(g.Select(i => cosine[i]).Where(double.IsFinite).ToList()),
                    RelativeStd: SampleStatistics.Of(g.Select(i => relativeStd[i]).Where(v => double.IsFinite(v) && v > 0).ToList())))
                .ToArray();
            foreach (var p in points)
            {
                if (p.Cosine.Count == 0) notDrawn.Add($"{name} at epoch {PlotText.Number(p.Epoch)} (cosine: {Reason(p.Rows.Select(i => cosine[i]))})");
                if (p.RelativeStd.Count == 0) notDrawn.Add($"{name} at epoch {PlotText.Number(p.Epoch)} (relative std: {Reason(p.Rows.Select(i => relativeStd[i]))})");
                int left = p.Rows.Length - Math.Min(p.Cosine.Count, p.RelativeStd.Count);
                if (left > 0 && p.Cosine.Count > 0 && p.RelativeStd.Count > 0)
                    partial.Add($"{name} at epoch {PlotText.Number(p.Epoch)} ({PlotText.Count(left)} of {PlotText.Count(p.Rows.Length)})");
            }
            string Hover((double Epoch, int[] Rows, SampleStatistics Cosine, SampleStatistics RelativeStd) p) =>
                $"{PlotText.Escape(name)}, epoch {PlotText.Number(p.Epoch)}<br>" +
                $"cosine {MeanText(p.Cosine)}, relative std {MeanText(p.RelativeStd)}<br>" +
                $"{PlotText.Count(samples[p.Rows[0]])} estimates per seed, {PlotText.Count(p.Rows.Length)} seed{(p.Rows.Length == 1 ? "" : "s")}<br>{PlotText.Escape(s)}";
            series.Add((s, name, style,
                points.Where(p => p.Cosine.Count > 0).Select(p => new Point(p.Epoch, p.Cosine.Mean, p.Cosine.StandardError, Hover(p))).ToArray(),
                points.Where(p => p.RelativeStd.Count > 0).Select(p => new Point(p.Epoch, p.RelativeStd.Mean,
                    Math.Min(p.RelativeStd.StandardError, 0.99 * p.RelativeStd.Mean), Hover(p))).ToArray()));
        }

        // Series far apart from the others on a panel's axis are named in a note instead of squeezing the others.
        var cosineApart = AxisOutliers.Find(series.ToDictionary(x => x.Spec, x => (IReadOnlyList<double>)x.Cosine.Select(p => p.Mean).ToList()), AxisScale.Linear,
            series.Where(x => x.Cosine.Length >= 2).Select(x => x.Spec).ToList());
        var varianceApart = AxisOutliers.Find(series.ToDictionary(x => x.Spec, x => (IReadOnlyList<double>)x.RelativeStd.Select(p => p.Mean).ToList()), AxisScale.Log,
            series.Where(x => x.RelativeStd.Length >= 2).Select(x => x.Spec).ToList());

        var cosinePanel = new List<GenericChart>();
        var variancePanel = new List<GenericChart>();
        var publishedPanel = new List<GenericChart>();
        var publishedTitles = new List<string>();
        var publishedPoints = series.ToDictionary(x => x.Spec, x => published is null ? [] : PublishedCosines(x.Spec));
        var ourEpochs = series.SelectMany(x => x.Cosine.Select(p => p.Epoch)).ToList();
        var ourCosines = series.Where(x => !cosineApart.Contains(x.Spec)).SelectMany(x => x.Cosine.Select(p => p.Mean)).ToList();
        var allPublished = publishedPoints.Values.SelectMany(v => v).ToList();
        bool overlay = allPublished.Count > 0 && PublishedOverlay.WithinRange(allPublished.Select(q => (double)q.Epoch), ourEpochs, 0) &&
                       PublishedOverlay.WithinRange(allPublished.Select(q => q.Cosine.Mean), ourCosines, PublishedOverlayMargin);
        bool legendShown = false;
        foreach (var (s, name, style, cosinePoints, variancePoints) in series)
        {
            bool onCosine = !cosineApart.Contains(s) && cosinePoints.Length > 0, onVariance = !varianceApart.Contains(s) && variancePoints.Length > 0;
            if (onCosine) cosinePanel.Add(MeanWithBand(cosinePoints, style with { ShowLegend = true }));
            if (onVariance) variancePanel.Add(MeanWithBand(variancePoints, style with { ShowLegend = !onCosine }));
            var publishedHere = publishedPoints[s];
            if (publishedHere.Count > 0)
            {
                (overlay ? cosinePanel : publishedPanel).Add(PublishedTrace(name, style with { ShowLegend = !onCosine && !onVariance }, publishedHere, joined: !overlay));
                publishedTitles.Add(name);
            }
            legendShown |= onCosine || onVariance;
        }
        bool anyBand = series.Any(x => x.Cosine.Any(p => double.IsFinite(p.Spread)) || x.RelativeStd.Any(p => double.IsFinite(p.Spread)));

        var panels = new List<GenericChart> { Plotly.NET.CSharp.Chart.Combine(cosinePanel), Plotly.NET.CSharp.Chart.Combine(variancePanel) };
        var panelTitles = new List<string> { "Bias: cosine similarity (higher is better)", "Variance: relative std (lower is better)" };
        if (publishedPanel.Count > 0)
        {
            panels.Add(Plotly.NET.CSharp.Chart.Combine(publishedPanel));
            panelTitles.Add($"Published cosines ({PublishedResults.Authors}, {PlotText.Count(PublishedResults.BiasVarianceCosine[0].Cosine.Seeds)} seeds), outside our epochs");
        }
        var chart = ChartStyle.Grid(panels, columns: 2, panelTitles);
        chart = ChartStyle.WithXAxis(chart, "epoch of the checkpoint", AxisScale.Linear, panel: 1);
        chart = ChartStyle.WithYAxis(chart, "cosine with the exact gradient", AxisScale.Linear, panel: 1);
        chart = ChartStyle.WithXAxis(chart, "epoch of the checkpoint", AxisScale.Linear, panel: 2);
        chart = ChartStyle.WithYAxis(chart, "relative std ‖std‖ / ‖mean‖ (log)", AxisScale.Log, panel: 2,
            LogAxisTicks.Covering(series.Where(x => !varianceApart.Contains(x.Spec)).SelectMany(x => x.RelativeStd.Select(p => p.Mean))));
        var epochs = overlay ? ourEpochs.Concat(allPublished.Select(q => (double)q.Epoch)) : ourEpochs;
        chart = ChartStyle.WithWholeNumberTicks(chart, epochs, panel: 1);
        chart = ChartStyle.WithWholeNumberTicks(chart, ourEpochs, panel: 2);
        if (publishedPanel.Count > 0)
        {
            chart = ChartStyle.WithXAxis(chart, "epoch of the checkpoint", AxisScale.Linear, panel: 3);
            chart = ChartStyle.WithYAxis(chart, "published cosine", AxisScale.Linear, panel: 3);
            chart = ChartStyle.WithWholeNumberTicks(chart, allPublished.Select(q => (double)q.Epoch), panel: 3);
        }
        chart = ChartStyle.WithPanelNote(chart, ApartNotes(series.Where(x => cosineApart.Contains(x.Spec)).Select(x => (x.Name, x.Style.Color, x.Cosine)),
            series.Where(x => !cosineApart.Contains(x.Spec)).SelectMany(x => x.Cosine.Select(p => p.Mean)), "cosine", v => PlotText.Signed(v, 2)), panel: 1);
        chart = ChartStyle.WithPanelNote(chart, ApartNotes(series.Where(x => varianceApart.Contains(x.Spec)).Select(x => (x.Name, x.Style.Color, x.RelativeStd)),
            series.Where(x => !varianceApart.Contains(x.Spec)).SelectMany(x => x.RelativeStd.Select(p => p.Mean)), "relative std", v => PlotText.Significant(v, 2)), panel: 2);
        var keys = new List<GenericChart> { chart };
        if (anyBand) keys.Add(ChartTraces.LegendKey($"± 1 standard error over {PlotText.Count(seedCount)} seeds", LegendKeyKind.Band));
        if (publishedTitles.Count > 0)
            keys.Add(ChartTraces.LegendKey(PublishedSeriesName, overlay ? LegendKeyKind.Marker : LegendKeyKind.LineWithMarkers, PublishedSymbol,
                overlay ? null : StyleParam.DrawingStyle.Dot));
        chart = Plotly.NET.CSharp.Chart.Combine(keys);
        chart = ChartStyle.WithStandardLayout(chart, plotHeight: ChartStyle.GridHeight(panels.Count, 2, 290, 110), LegendPlacement.Below);
        var notes = new List<string>
        {
            seedCount > 1
                ? $"Lines: mean over {PlotText.Count(seedCount)} seeds; bands: ± 1 standard error over seeds (sd/√n)."
                : "One seed: a single realisation, no band (the paper averages ten seeds).",
        };
        notes.Add(RelativeStdNote);
        if (partial.Count > 0)
            notes.Add("Seeds whose statistic is not finite (NaN: every estimate exactly zero; ∞: a zero mean estimate) are counted and " +
                      "left out of the mean: " + string.Join(", ", partial));
        if (notDrawn.Count > 0) notes.Add("Not drawn: " + string.Join(", ", notDrawn));
        if (published is not null)
        {
            notes.Add(PublishedNote(published, publishedTitles, apart: publishedPanel.Count > 0));
            var unpublished = specs.Where(s => PublishedCosines(s).Count == 0).Select(NameOf).ToList();
            if (unpublished.Count > 0 && publishedTitles.Count > 0)
                notes.Add($"Not published (no published cosines to compare with): {string.Join(", ", unpublished)}.");
        }
        notes.AddRange(EstimatorNotes.For(specs.Select(s => titleOf[s])));
        chart = ChartStyle.WithFootnote(chart, string.Join("\n", notes));
        return ChartStyle.WithTitle(chart, Title, subtitle, NoiseStatement(seedCount, anyBand));
    }

    /// <summary>The line under the title on noise: how many seeds there are and what they let a reader tell apart.</summary>
    internal static string NoiseStatement(int seeds, bool bands) => seeds > 1 && bands
        ? $"Mean of {PlotText.Count(seeds)} seeds ± 1 standard error (bands): estimators whose bands overlap are not told apart by these seeds."
        : $"One seed: the noise between seeds is not measured, so small differences between estimators may be noise " +
          $"(--preset paper averages {PlotText.Count(NotebookExperiments.Analyses.BiasVarianceParameters.Paper.Seeds.Count)} seeds).";

    /// <summary>One point of a series: its epoch, mean over seeds, half-width of its band (NaN: none) and hover text.</summary>
    private sealed record Point(double Epoch, double Mean, double Spread, string Hover);

    private static GenericChart MeanWithBand(IReadOnlyList<Point> points, SeriesStyle style) =>
        ChartTraces.MeanWithBand(points.Select(p => p.Epoch).ToArray(), points.Select(p => p.Mean).ToArray(),
            points.Select(p => p.Spread).ToArray(), style, points.Select(p => p.Hover).ToArray());

    /// <summary>The note lines of the series left off a panel: where they lie (below or above the others) and their values.</summary>
    private static IReadOnlyList<(string, string)> ApartNotes(IEnumerable<(string Name, string Color, Point[] Points)> apart, IEnumerable<double> others,
        string measure, Func<double, string> format)
    {
        var rest = others.ToList();
        return apart.Select(a => AxisOutliers.Note(a.Name, $"{measure} {AxisOutliers.Span(a.Points.Select(p => p.Mean), format)}",
            a.Points.Select(p => p.Mean), rest, a.Color)).ToList();
    }

    /// <summary>
    /// The footnote line on the variance measure: the relative std of <see cref="Gradients.GradientStatistics"/>, per example
    /// ‖std‖_F/‖mean‖_F over its L×C block and averaged over the examples, which is what the authors' code plots where the caption
    /// of Fig. 1 says "variance" (docs/estimators.md, C.1 and D.4).
    /// </summary>
    public const string RelativeStdNote =
        "Variance is the relative std ‖std‖/‖mean‖ per example, averaged over the examples: what the authors' code plots for the caption's \"variance\".";

    /// <summary>The published cosines of the estimator <paramref name="spec"/> (compared in canonical form), by epoch.</summary>
    private static IReadOnlyList<PublishedCosinePoint> PublishedCosines(string spec)
    {
        var canonical = Comparability.Canonical(spec);
        return PublishedResults.BiasVarianceCosine.Where(q => Comparability.Canonical(q.Estimator) == canonical).OrderBy(q => q.Epoch).ToList();
    }

    private static GenericChart PublishedTrace(string name, SeriesStyle style, IReadOnlyList<PublishedCosinePoint> points, bool joined)
    {
        var hover = points.Select(q =>
            $"{PlotText.Escape(name)}, published ({PlotText.Escape(PublishedResults.Authors)}; {PlotText.Escape(q.PublishedName)}), epoch {PlotText.Count(q.Epoch)}<br>" +
            (q.Cosine.HasStandardError
                ? $"cosine {PlotText.TwoDecimals(q.Cosine.Mean)} ± {PlotText.Number(q.Cosine.StandardError)} (± 1 s.e. over {PlotText.Count(q.Cosine.Seeds)} seeds)"
                : $"cosine {PlotText.TwoDecimals(q.Cosine.Mean)}, mean over {PlotText.Count(q.Cosine.Seeds)} seeds (no standard error given)")).ToArray();
        var publishedStyle = style with { Name = name + " (published)", LegendGroup = style.Group };
        var x = points.Select(q => (double)q.Epoch).ToArray();
        var y = points.Select(q => q.Cosine.Mean).ToArray();
        var errors = points.Select(q => q.Cosine.StandardError).ToArray();
        if (!joined) return ChartTraces.Markers(x, y, publishedStyle, PublishedSymbol, size: 9, hover, errors);
        var line = ChartTraces.Line(x, y, publishedStyle with { Dash = StyleParam.DrawingStyle.Dot }, hover);
        line = ChartTraces.WithPointSymbols(line, x.Select(_ => "diamond").ToArray(), x.Select(_ => 9).ToArray());
        return errors.All(double.IsFinite) ? ChartTraces.WithErrorBars(line, errors, style.Color) : line;
    }

    private static string PublishedNote(PublishedOverlay published, IReadOnlyList<string> drawn, bool apart)
    {
        var all = PublishedResults.BiasVarianceCosine;
        if (drawn.Count == 0)
            return $"No estimator here has published cosines ({PublishedResults.Authors}: {string.Join(", ", all.Select(q => q.Title).Distinct())}, at τ = 1).";
        return $"Diamonds: the published cosines of {string.Join(", ", drawn)}, from {PublishedResults.Source}: mean over " +
               $"{PlotText.Count(all[0].Cosine.Seeds)} seeds at epochs {string.Join(", ", all.Select(q => q.Epoch).Distinct().Order())}, " +
               $"bars ± 1 standard error; the result files behind them were drawn with {PlotText.Count(Comparability.AuthorsScriptCosineSamples)} " +
               $"estimates (the caption says {PlotText.Count(Comparability.PublishedCosineSampleCount)}), and the cosine of a mean rises with the number of estimates. " +
               (apart ? "Their epochs or values lie outside ours, so they have a panel of their own. " : "") + published.ComparabilityNote();
    }

    private static string MeanText(SampleStatistics summary) =>
        summary.Count == 0 ? "undefined"
        : summary.Count == 1 ? PlotText.Number(summary.Mean)
        : $"{PlotText.Number(summary.Mean)} ± {PlotText.Number(summary.StandardError)} (s.e.)";

    private static string Reason(IEnumerable<double> values) =>
        values.All(double.IsNaN) ? "undefined, every estimate exactly zero"
        : values.Any(double.IsPositiveInfinity) ? "infinite, a mean estimate is zero while its estimates are not"
        : values.All(v => v == 0) ? "0, below a log axis"
        : "not finite";
}

using Microsoft.Data.Analysis;
using NotebookExperiments.Published;
using Plotly.NET;

namespace NotebookExperiments.Charts;

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
    public static IReadOnlyList<string> Columns { get; } = ["epoch", "estimator", "title", "cosine", "relative_std", "samples"];

    /// <summary>The optional column of the training seed; rows of several seeds are averaged with a ± 1 s.e. band.</summary>
    public const string SeedColumn = "seed";

    /// <summary>The marker of the published cosines.</summary>
    public static StyleParam.MarkerSymbol PublishedSymbol => StyleParam.MarkerSymbol.Diamond;

    private static readonly StyleParam.DrawingStyle[] DashesForSharedTitles =
        [StyleParam.DrawingStyle.Solid, StyleParam.DrawingStyle.Dash, StyleParam.DrawingStyle.Dot, StyleParam.DrawingStyle.DashDot];

    /// <summary>
    /// Builds the figure: two panels side by side, cosine similarity with the exact gradient against epoch (linear) and
    /// relative standard deviation against epoch (log y). One line per estimator spec, in the order the specs first appear,
    /// named by its paper title and coloured by <see cref="EstimatorPalette"/>, with the same colour in both panels and one
    /// legend entry for both. Specs that share a title (e.g. two K of GR-MCK) are told apart by their spec in the legend and
    /// by dashes. With a <c>seed</c> column, each point is the mean over the seeds (as in the paper's figure) with a band of
    /// ± 1 standard error (sd/√n over seeds; no band for one seed), and a footnote says so. A seed whose statistic is not
    /// finite (every estimate exactly zero) is left out of that mean and counted in a footnote; a point with no finite value,
    /// or a relative std ≤ 0 (which a log axis cannot show), is not drawn and listed with its reason. The lower edge of a
    /// relative-std band is kept above zero (at most 99 % of the mean below it) so that the log axis can draw it.
    /// With <paramref name="published"/>, the published cosine means (<see cref="PublishedResults.BiasVarianceCosine"/>: epochs 1, 10,
    /// …, 50) of every estimator whose spec is a published one are drawn on the cosine panel as diamonds in its colour, without error
    /// bars (none is published), in its legend group; the footnote says whether our run is at the published protocol.
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
        var columns = new FrameColumns(frame, "The bias/variance figure", nameof(frame), [.. Columns]);
        if (columns.RowCount == 0) throw new ArgumentException("The bias/variance frame has no rows.", nameof(frame));
        var epoch = columns.Integers("epoch").Select(e => (double)e).ToArray();
        var spec = columns.Strings("estimator");
        var title = columns.Strings("title");
        var cosine = columns.Doubles("cosine");
        var relativeStd = columns.Doubles("relative_std");
        var samples = columns.Integers("samples");
        var seed = columns.Has(SeedColumn) ? columns.Integers(SeedColumn) : new long[columns.RowCount];
        int seedCount = seed.Distinct().Count();

        var specs = spec.Distinct().ToList();
        var titleOf = specs.ToDictionary(s => s, s => title[Array.IndexOf(spec, s)]);
        var specsByTitle = specs.GroupBy(s => titleOf[s]).ToDictionary(g => g.Key, g => g.ToList());

        var cosinePanel = new List<GenericChart>();
        var variancePanel = new List<GenericChart>();
        var notDrawn = new List<string>();
        var partial = new List<string>();
        var allRelativeStd = new List<double>();
        var publishedTitles = new List<string>();
        foreach (var s in specs)
        {
            var sameTitle = specsByTitle[titleOf[s]];
            var name = sameTitle.Count == 1 ? titleOf[s] : $"{titleOf[s]} ({s})";
            var style = new SeriesStyle(name, EstimatorPalette.ColorOf(titleOf[s]),
                Dash: sameTitle.Count == 1 ? null : DashesForSharedTitles[sameTitle.IndexOf(s) % DashesForSharedTitles.Length]);
            var points = Enumerable.Range(0, spec.Length).Where(i => spec[i] == s).GroupBy(i => epoch[i]).OrderBy(g => g.Key)
                .Select(g => (Epoch: g.Key, Rows: g.ToArray(),
                    Cosine: SampleSummary.Of(g.Select(i => cosine[i]).Where(double.IsFinite).ToList()),
                    RelativeStd: SampleSummary.Of(g.Select(i => relativeStd[i]).Where(v => double.IsFinite(v) && v > 0).ToList())))
                .ToArray();
            foreach (var p in points)
            {
                if (p.Cosine.Count == 0) notDrawn.Add($"{name} at epoch {PlotText.Number(p.Epoch)} (cosine: {Reason(p.Rows.Select(i => cosine[i]))})");
                if (p.RelativeStd.Count == 0) notDrawn.Add($"{name} at epoch {PlotText.Number(p.Epoch)} (relative std: {Reason(p.Rows.Select(i => relativeStd[i]))})");
                int left = p.Rows.Length - Math.Min(p.Cosine.Count, p.RelativeStd.Count);
                if (left > 0 && p.Cosine.Count > 0 && p.RelativeStd.Count > 0)
                    partial.Add($"{name} at epoch {PlotText.Number(p.Epoch)} ({PlotText.Count(left)} of {PlotText.Count(p.Rows.Length)})");
            }
            string Hover((double Epoch, int[] Rows, SampleSummary Cosine, SampleSummary RelativeStd) p) =>
                $"{PlotText.Escape(name)}, epoch {PlotText.Number(p.Epoch)}<br>" +
                $"cosine {MeanText(p.Cosine)}, relative std {MeanText(p.RelativeStd)}<br>" +
                $"{PlotText.Count(samples[p.Rows[0]])} estimates per seed, {PlotText.Count(p.Rows.Length)} seed{(p.Rows.Length == 1 ? "" : "s")}<br>{PlotText.Escape(s)}";

            var c = points.Where(p => p.Cosine.Count > 0).ToArray();
            cosinePanel.Add(ChartTraces.MeanWithBand(c.Select(p => p.Epoch).ToArray(), c.Select(p => p.Cosine.Mean).ToArray(),
                c.Select(p => p.Cosine.StandardError).ToArray(), style, c.Select(Hover).ToArray()));
            IReadOnlyList<PublishedCosinePoint> publishedPoints = published is null ? [] : PublishedCosines(s);
            if (publishedPoints.Count > 0)
            {
                cosinePanel.Add(PublishedTrace(name, style, publishedPoints));
                publishedTitles.Add(name);
            }
            var v = points.Where(p => p.RelativeStd.Count > 0).ToArray();
            allRelativeStd.AddRange(v.Select(p => p.RelativeStd.Mean));
            variancePanel.Add(ChartTraces.MeanWithBand(v.Select(p => p.Epoch).ToArray(), v.Select(p => p.RelativeStd.Mean).ToArray(),
                v.Select(p => Math.Min(p.RelativeStd.StandardError, 0.99 * p.RelativeStd.Mean)).ToArray(),
                style with { ShowLegend = false }, v.Select(Hover).ToArray()));
        }

        var chart = ChartStyle.Grid(
            [Plotly.NET.CSharp.Chart.Combine(cosinePanel), Plotly.NET.CSharp.Chart.Combine(variancePanel)], columns: 2,
            ["Bias: cosine similarity (higher is better)", "Variance: relative std (lower is better)"]);
        chart = ChartStyle.WithXAxis(chart, "epoch of the checkpoint", AxisScale.Linear, panel: 1);
        chart = ChartStyle.WithYAxis(chart, "cosine with the exact gradient", AxisScale.Linear, panel: 1);
        chart = ChartStyle.WithXAxis(chart, "epoch of the checkpoint", AxisScale.Linear, panel: 2);
        chart = ChartStyle.WithYAxis(chart, "relative std ‖std‖ / ‖mean‖ (log)", AxisScale.Log, panel: 2,
            LogAxisTicks.Covering(allRelativeStd));
        chart = ChartStyle.WithStandardLayout(chart, width: 1000, height: 480, LegendPlacement.Below);
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
            notes.Add(PublishedNote(published, publishedTitles));
            var unpublished = specs.Where(s => PublishedCosines(s).Count == 0).Select(s => specsByTitle[titleOf[s]].Count == 1 ? titleOf[s] : $"{titleOf[s]} ({s})").ToList();
            if (unpublished.Count > 0 && publishedTitles.Count > 0)
                notes.Add($"Not published (no published cosines to compare with): {string.Join(", ", unpublished)}.");
        }
        notes.AddRange(EstimatorNotes.For(specs.Select(s => titleOf[s])));
        chart = ChartStyle.WithFootnote(chart, string.Join("\n", notes));
        return ChartStyle.WithTitle(chart, Title, subtitle);
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

    private static GenericChart PublishedTrace(string name, SeriesStyle style, IReadOnlyList<PublishedCosinePoint> points)
    {
        var hover = points.Select(q =>
            $"{PlotText.Escape(name)}, published ({PlotText.Escape(PublishedResults.Authors)}; {PlotText.Escape(q.PublishedName)}), epoch {PlotText.Count(q.Epoch)}<br>" +
            $"cosine {PlotText.TwoDecimals(q.Cosine.Mean)}, mean over {PlotText.Count(q.Cosine.Seeds)} seeds (no standard error published)").ToArray();
        return ChartTraces.Markers(points.Select(q => (double)q.Epoch).ToArray(), points.Select(q => q.Cosine.Mean).ToArray(),
            style with { Name = name + " (published)", LegendGroup = style.Group, ShowLegend = false }, PublishedSymbol, size: 9, hover);
    }

    private static string PublishedNote(PublishedOverlay published, IReadOnlyList<string> drawn)
    {
        var all = PublishedResults.BiasVarianceCosine;
        if (drawn.Count == 0)
            return $"No estimator here has published cosines ({PublishedResults.Authors}: {string.Join(", ", all.Select(q => q.Title).Distinct())}, at τ = 1).";
        return $"Diamonds: the published cosines of {string.Join(", ", drawn)}, from {PublishedResults.Source}: mean over " +
               $"{PlotText.Count(all[0].Cosine.Seeds)} seeds at epochs {string.Join(", ", all.Select(q => q.Epoch).Distinct().Order())}, " +
               $"no standard error published; they rest on {string.Join(" or ", Comparability.PublishedCosineSamples)} estimates " +
               "(which is not stated), and the cosine of a mean rises with the number of estimates. " + published.ComparabilityNote();
    }

    private static string MeanText(SampleSummary summary) =>
        summary.Count == 0 ? "undefined"
        : summary.Count == 1 ? PlotText.Number(summary.Mean)
        : $"{PlotText.Number(summary.Mean)} ± {PlotText.Number(summary.StandardError)} (s.e.)";

    private static string Reason(IEnumerable<double> values) =>
        values.All(double.IsNaN) ? "undefined, every estimate exactly zero"
        : values.Any(double.IsPositiveInfinity) ? "infinite, a mean estimate is zero while its estimates are not"
        : values.All(v => v == 0) ? "0, below a log axis"
        : "not finite";
}

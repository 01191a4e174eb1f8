using Microsoft.Data.Analysis;
using NotebookExperiments.Charts;
using NotebookExperiments.Statistics;
using Plotly.NET;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace NotebookExperiments.Analyses;

/// <summary>
/// The temperature study: how the temperature-dependent estimators (ST, ST-GS, GR-MCK, ReinMax, ReinMax-Rao, ReinMax-CV, …)
/// behave as τ varies, against temperature-free ones such as ZGR — gradient bias and variance against τ, the bias–variance
/// trade-off traced by τ (the ZGR paper's claim that the ST–ZGR family dominates the GR family), and train −ELBO against τ.
/// </summary>
/// <remarks>
/// Rows whose <c>tau</c> is NaN belong to temperature-free estimators: they are drawn as horizontal dashed lines across the
/// temperature range (or as stars on the trade-off plot). Estimators appear in the order they first appear in the frame,
/// coloured by <see cref="EstimatorPalette"/>. For ReinMax-CV the temperature is its control variate's τ₂.
/// </remarks>
public static class TemperatureFigures
{
    /// <summary>Title of <see cref="GradientVersusTemperature"/>.</summary>
    public const string GradientTitle = "Gradient bias and variance against temperature τ (temperature-free estimators dashed)";

    /// <summary>Title of <see cref="BiasVarianceTradeoff"/>.</summary>
    public const string TradeoffTitle =
        "Bias–variance trade-off traced by τ: does the ST–ZGR family dominate the GR family, as the ZGR paper claims?";

    /// <summary>Title of <see cref="TrainingVersusTemperature"/>.</summary>
    public const string TrainingTitle = "Train −ELBO after a fixed budget against temperature τ";

    /// <summary>The x axis title of the temperature plots.</summary>
    public const string TemperatureAxisTitle = "temperature τ (τ₂ for ReinMax-CV), log scale";

    /// <summary>The columns <see cref="GradientVersusTemperature"/> and <see cref="BiasVarianceTradeoff"/> read.</summary>
    public static IReadOnlyList<string> GradientColumns { get; } = [Columns.Estimator, Columns.Spec, Columns.Tau, Columns.Cosine, Columns.RelativeStd, Columns.Mse, Columns.Samples];

    /// <summary>
    /// Optional column of the gradient frame: examples whose estimates are all exactly zero, left out of the relative std
    /// (<see cref="Gradients.GradientStatistics.AllZeroExamples"/>); the figures name the points where it is non-zero.
    /// </summary>
    public const string AllZeroColumn = Columns.AllZeroExamples;

    /// <summary>The columns <see cref="TrainingVersusTemperature"/> reads.</summary>
    public static IReadOnlyList<string> TrainingColumns { get; } = [Columns.Estimator, Columns.Spec, Columns.Tau, Columns.Seed, Columns.FinalTrainElbo, Columns.Diverged];

    /// <summary>The temperature range of reference lines when the frame has no temperature-dependent rows.</summary>
    private static readonly (double From, double To) DefaultTemperatureRange = (0.05, 2.0);

    /// <summary>
    /// Two panels: cosine similarity with the exact gradient against τ (log x), and relative standard deviation against τ
    /// (log x, log y). One curve per estimator (sorted by τ); temperature-free estimators as horizontal dashed lines at their
    /// value. The legend lists each estimator once; both panels share its colour. A footnote names every point a panel leaves
    /// out with its reason, and every point whose relative std leaves out examples with only zero estimates; an estimator lying so
    /// far from the others on a panel's axis that it would squeeze them (<see cref="AxisOutliers"/>) is named with its values in
    /// a note inside that panel instead. The line under the title says that the statistics come from one batch with no standard
    /// error.
    /// </summary>
    /// <param name="frame">One row per (estimator, τ): <c>estimator</c> (family title, e.g. <c>ST</c>, <c>GR-MC10</c>,
    /// <c>ReinMax-CV</c>), <c>spec</c>, <c>tau</c> (NaN for temperature-free rows), <c>cosine</c>, <c>relative_std</c>,
    /// <c>mse</c>, <c>samples</c>, and optionally <c>all_zero_examples</c> (<see cref="AllZeroColumn"/>).</param>
    /// <param name="subtitle">The second title line, e.g. the checkpoint and preset.</param>
    /// <exception cref="ArgumentException">A column is missing or holds the wrong kind of value, or the frame is empty.</exception>
    public static GenericChart GradientVersusTemperature(DataFrame frame, string subtitle)
    {
        var rows = GradientRows.Read(frame, "The gradient-versus-temperature figure");
        var range = TemperatureRange(rows.Tau);
        var estimators = rows.Estimator.Distinct().ToList();
        // Curves: a τ-dependent estimator at two or more τ, or a temperature-free one drawn as a line across.
        var curves = estimators.Where(e => rows.Indices(e).Count(i => !double.IsNaN(rows.Tau[i])) >= 2 || rows.Indices(e).Any(i => double.IsNaN(rows.Tau[i]))).ToList();
        var cosineApart = AxisOutliers.Find(estimators.ToDictionary(e => e, e => (IReadOnlyList<double>)rows.Indices(e).Select(i => rows.Cosine[i]).ToList()), AxisScale.Linear, curves);
        var varianceApart = AxisOutliers.Find(estimators.ToDictionary(e => e, e => (IReadOnlyList<double>)rows.Indices(e).Select(i => rows.RelativeStd[i]).ToList()), AxisScale.Log, curves);
        var cosinePanel = new List<GenericChart>();
        var variancePanel = new List<GenericChart>();
        foreach (var estimator in estimators)
        {
            var style = SeriesStyle.ForEstimator(estimator);
            var curve = rows.Indices(estimator).Where(i => !double.IsNaN(rows.Tau[i])).OrderBy(i => rows.Tau[i]).ToArray();
            var fixedRows = rows.Indices(estimator).Where(i => double.IsNaN(rows.Tau[i])).ToArray();
            bool onCosine = !cosineApart.Contains(estimator), onVariance = !varianceApart.Contains(estimator);
            bool legendShown = false;
            if (curve.Length > 0)
            {
                var tau = curve.Select(i => rows.Tau[i]).ToArray();
                var hover = curve.Select(rows.Hover).ToArray();
                if (onCosine) cosinePanel.Add(ChartTraces.Line(tau, curve.Select(i => rows.Cosine[i]).ToArray(), style, hover));
                if (onVariance)
                    variancePanel.Add(ChartTraces.Line(tau, curve.Select(i => Positive(rows.RelativeStd[i])).ToArray(),
                        style with { ShowLegend = !onCosine }, hover));
                legendShown = onCosine || onVariance;
            }
            if (fixedRows.Length > 0)
            {
                var reference = style with { ShowLegend = !legendShown };
                var hover = rows.Hover(fixedRows[0]) + (fixedRows.Length > 1 ? $"<br>mean of {fixedRows.Length} rows" : "");
                double cosine = fixedRows.Average(i => rows.Cosine[i]);
                double relativeStd = fixedRows.Average(i => rows.RelativeStd[i]);
                bool cosineDrawn = onCosine && double.IsFinite(cosine);
                if (cosineDrawn)
                    cosinePanel.Add(ChartTraces.HorizontalReferenceLine(range.From, range.To, cosine, reference, hover));
                if (onVariance && double.IsFinite(relativeStd) && relativeStd > 0)
                    variancePanel.Add(ChartTraces.HorizontalReferenceLine(range.From, range.To, relativeStd,
                        reference with { ShowLegend = reference.ShowLegend && !cosineDrawn }, hover));
            }
        }

        var chart = ChartStyle.Grid([PlotlyChart.Combine(cosinePanel), PlotlyChart.Combine(variancePanel)], columns: 2,
            ["Bias: cosine similarity (higher is better)", "Variance: relative std (lower is better)"]);
        var tauTicks = LogAxisTicks.Covering(rows.Tau);
        chart = ChartStyle.WithXAxis(chart, TemperatureAxisTitle, AxisScale.Log, panel: 1, tauTicks);
        chart = ChartStyle.WithYAxis(chart, "cosine with the exact gradient", AxisScale.Linear, panel: 1);
        chart = ChartStyle.WithXAxis(chart, TemperatureAxisTitle, AxisScale.Log, panel: 2, tauTicks);
        chart = ChartStyle.WithYAxis(chart, "relative std ‖std‖ / ‖mean‖ (log)", AxisScale.Log, panel: 2,
            LogAxisTicks.Covering(Enumerable.Range(0, rows.Estimator.Length).Where(i => !varianceApart.Contains(rows.Estimator[i])).Select(i => rows.RelativeStd[i])));
        chart = ChartStyle.WithPanelNote(chart, ApartNotes(rows, cosineApart, i => rows.Cosine[i], "cosine"), panel: 1);
        chart = ChartStyle.WithPanelNote(chart, ApartNotes(rows, varianceApart, i => rows.RelativeStd[i], "relative std"), panel: 2);
        chart = ChartStyle.WithStandardLayout(chart, plotHeight: 290, LegendPlacement.Below);
        var notes = MissingPointNotes(rows, [("cosine panel", true, false, false), ("relative-std panel", false, true, false)])
            .Concat(PartialNotes(rows)).Concat(EstimatorNotes.For(rows.Estimator)).ToList();
        if (notes.Count > 0) chart = ChartStyle.WithFootnote(chart, string.Join("\n", notes));
        return ChartStyle.WithTitle(chart, GradientTitle, subtitle, GradientNoise(rows));
    }

    /// <summary>
    /// The line under the title of the gradient figures: their statistics come from one batch of one model, with no standard
    /// error computed, so only differences large against the Monte-Carlo noise of that many estimates can be read.
    /// </summary>
    private static string GradientNoise(GradientRows rows)
    {
        var samples = rows.Samples.Distinct().Order().Select(PlotText.Count).ToList();
        return $"One checkpoint of one seed, {string.Join(" or ", samples)} estimates per point, no standard error computed: " +
               "small differences between curves may be Monte-Carlo noise.";
    }

    /// <summary>The note lines naming the estimators left off an axis (<see cref="AxisOutliers"/>), where they lie and their values.</summary>
    private static IReadOnlyList<(string, string)> ApartNotes(GradientRows rows, IReadOnlyList<string> apart, Func<int, double> value, string measure)
    {
        var others = Enumerable.Range(0, rows.Estimator.Length).Where(i => !apart.Contains(rows.Estimator[i])).Select(value).ToList();
        return apart.Select(e =>
        {
            var mine = rows.Indices(e).Select(value).ToList();
            var values = AxisOutliers.Span(mine, v => PlotText.Significant(v, 3));
            return AxisOutliers.Note(e, $"{measure} {values}", mine, others, EstimatorPalette.ColorOf(e));
        }).ToList();
    }

    /// <summary>One footnote line per reason: which points a panel leaves out, and why.</summary>
    private static IEnumerable<string> MissingPointNotes(GradientRows rows, IReadOnlyList<(string Panel, bool Cosine, bool RelativeStd, bool OneMinusCosine)> panels)
    {
        var missing = new List<(string Reason, string Panel, string Label)>();
        for (int i = 0; i < rows.Estimator.Length; i++)
            foreach (var panel in panels)
                if (rows.MissingReason(i, panel.Cosine, panel.RelativeStd, panel.OneMinusCosine) is { } reason)
                    missing.Add((reason, panel.Panel, rows.Label(i)));
        return missing.GroupBy(m => m.Reason).Select(g =>
        {
            var where = g.GroupBy(m => m.Label).Select(l => panels.Count > 1 && l.Count() < panels.Count ? $"{l.Key} ({l.First().Panel})" : l.Key);
            return $"Not drawn — {g.Key}: {string.Join(", ", where)}";
        });
    }

    /// <summary>The footnote line naming the points whose relative std leaves out examples with only zero estimates.</summary>
    private static IEnumerable<string> PartialNotes(GradientRows rows)
    {
        var partial = Enumerable.Range(0, rows.Estimator.Length).Where(i => rows.AllZero[i] > 0 && double.IsFinite(rows.RelativeStd[i]))
            .Select(i => $"{rows.Label(i)} ({PlotText.Count(rows.AllZero[i])} left out)").ToList();
        if (partial.Count > 0)
            yield return "Relative std over the examples with a non-zero estimate; examples whose estimates are all exactly zero " +
                         "(saturated softmax) are left out: " + string.Join(", ", partial);
    }

    /// <summary>
    /// The bias–variance plane: relative standard deviation (log x) against 1 − cosine similarity (log y), lower left is
    /// better. Each temperature-dependent estimator is a curve of markers traced in order of τ, an open circle at its smallest τ
    /// and a square at its largest (grey legend keys say so; no τ is written beside the points, where the labels of neighbouring
    /// curves ran into each other), every τ in the hover box; each temperature-free estimator is a star. An estimator lying so
    /// far from the others that it would squeeze them (<see cref="AxisOutliers"/>, e.g. RF(4), unbiased, at 1 − cosine ≈ 0.01) is
    /// not drawn and is named with its values in a note inside the plot; the line under the title says that the statistics come
    /// from one batch with no standard error. Points that cannot be
    /// drawn are left out and listed in a footnote with their true reason: undefined statistics (every estimate exactly zero,
    /// a saturated softmax), an infinite relative std, or a value a log axis cannot show (1 − cosine ≤ 0, i.e. cosine rounded
    /// to 1, or a relative std of 0).
    /// </summary>
    /// <param name="frame">The frame of <see cref="GradientVersusTemperature"/>.</param>
    /// <param name="subtitle">The second title line.</param>
    /// <exception cref="ArgumentException">A column is missing or holds the wrong kind of value, or the frame is empty.</exception>
    public static GenericChart BiasVarianceTradeoff(DataFrame frame, string subtitle)
    {
        var rows = GradientRows.Read(frame, "The bias-variance trade-off figure");
        var estimators = rows.Estimator.Distinct().ToList();
        bool Drawable(int i) => IsDrawableOnLogLog(rows.RelativeStd[i], 1 - rows.Cosine[i]);
        var curves = estimators.Where(e => rows.Indices(e).Count(i => Drawable(i) && !double.IsNaN(rows.Tau[i])) >= 2).ToList();
        var xApart = AxisOutliers.Find(estimators.ToDictionary(e => e, e => (IReadOnlyList<double>)rows.Indices(e).Where(Drawable).Select(i => rows.RelativeStd[i]).ToList()), AxisScale.Log, curves);
        var yApart = AxisOutliers.Find(estimators.ToDictionary(e => e, e => (IReadOnlyList<double>)rows.Indices(e).Where(Drawable).Select(i => 1 - rows.Cosine[i]).ToList()), AxisScale.Log, curves);
        var apart = xApart.Concat(yApart).Distinct().ToList();
        var traces = new List<GenericChart>();
        bool anyCurve = false;
        foreach (var estimator in estimators.Where(e => !apart.Contains(e)))
        {
            var style = SeriesStyle.ForEstimator(estimator);
            var drawable = rows.Indices(estimator).Where(Drawable).ToArray();
            var curve = drawable.Where(i => !double.IsNaN(rows.Tau[i])).OrderBy(i => rows.Tau[i]).ToArray();
            var stars = drawable.Where(i => double.IsNaN(rows.Tau[i])).ToArray();
            if (curve.Length > 0)
            {
                var line = ChartTraces.Line(
                    curve.Select(i => rows.RelativeStd[i]).ToArray(), curve.Select(i => 1 - rows.Cosine[i]).ToArray(),
                    style, curve.Select(rows.Hover).ToArray());
                // The lowest τ of a curve an open circle, the highest a square, those between dots: the direction of τ without labels.
                traces.Add(ChartTraces.WithPointSymbols(line,
                    curve.Select((_, k) => k == 0 ? LowestTauSymbol : k == curve.Length - 1 ? HighestTauSymbol : "circle").ToArray(),
                    curve.Select((_, k) => k == 0 || k == curve.Length - 1 ? 10 : 6).ToArray()));
                anyCurve = true;
            }
            if (stars.Length > 0)
                traces.Add(ChartTraces.Markers(
                    stars.Select(i => rows.RelativeStd[i]).ToArray(), stars.Select(i => 1 - rows.Cosine[i]).ToArray(),
                    style with { ShowLegend = curve.Length == 0 }, StyleParam.MarkerSymbol.Star, size: 16,
                    stars.Select(rows.Hover).ToArray()));
        }
        if (traces.Count == 0)
            throw new ArgumentException("No row can be drawn on the log–log trade-off plot (each has 1 − cosine ≤ 0 or relative std ≤ 0).",
                nameof(frame));
        if (anyCurve)
        {
            var taus = rows.Tau.Where(double.IsFinite).ToList();
            traces.Add(ChartTraces.LegendKey($"lowest τ of a curve ({PlotText.Number(taus.Min())} where run)", LegendKeyKind.Marker, StyleParam.MarkerSymbol.NewModified(StyleParam.MarkerSymbol.Circle, StyleParam.SymbolStyle.Open)));
            traces.Add(ChartTraces.LegendKey("τ between (hover for each τ)", LegendKeyKind.Marker, StyleParam.MarkerSymbol.Circle));
            traces.Add(ChartTraces.LegendKey($"highest τ of a curve ({PlotText.Number(taus.Max())} where run)", LegendKeyKind.Marker, StyleParam.MarkerSymbol.Square));
        }

        var drawnRows = Enumerable.Range(0, rows.Estimator.Length).Where(i => Drawable(i) && !apart.Contains(rows.Estimator[i])).ToArray();
        var chart = PlotlyChart.Combine(traces);
        chart = ChartStyle.WithXAxis(chart, "relative std ‖std‖ / ‖mean‖ — variance (log)", AxisScale.Log, panel: 1,
            LogAxisTicks.Covering(drawnRows.Select(i => rows.RelativeStd[i])));
        chart = ChartStyle.WithYAxis(chart, "1 − cosine(mean estimate, exact gradient) — bias (log)", AxisScale.Log, panel: 1,
            LogAxisTicks.Covering(drawnRows.Select(i => 1 - rows.Cosine[i])));
        var apartNotes = apart.Select(e =>
        {
            var mine = rows.Indices(e).Where(Drawable).ToList();
            var others = drawnRows;
            string where = string.Join(" and ", new[]
            {
                yApart.Contains(e) ? (AxisOutliers.LiesBelow(mine.Select(i => 1 - rows.Cosine[i]), others.Select(i => 1 - rows.Cosine[i])) ? "below" : "above") : null,
                xApart.Contains(e) ? (AxisOutliers.LiesBelow(mine.Select(i => rows.RelativeStd[i]), others.Select(i => rows.RelativeStd[i])) ? "left of" : "right of") : null,
            }.Where(w => w is not null));
            var values = string.Join("; ", mine.Select(i => (double.IsNaN(rows.Tau[i]) ? "" : $"τ = {PlotText.Number(rows.Tau[i])}: ") +
                $"relative std {PlotText.Significant(rows.RelativeStd[i], 3)}, 1 − cosine {PlotText.Significant(1 - rows.Cosine[i], 2)}"));
            return ($"{e} ({values}) lies far {where} these axes: not drawn", EstimatorPalette.ColorOf(e));
        }).ToList();
        chart = ChartStyle.WithPanelNote(chart, apartNotes, panel: 1);
        chart = ChartStyle.WithStandardLayout(chart, plotHeight: 440, LegendPlacement.Right);
        var notes = MissingPointNotes(rows, [("trade-off", false, true, true)]).Concat(PartialNotes(rows))
            .Concat(EstimatorNotes.For(rows.Estimator)).ToList();
        if (notes.Count > 0) chart = ChartStyle.WithFootnote(chart, string.Join("\n", notes));
        return ChartStyle.WithTitle(chart, TradeoffTitle, subtitle, GradientNoise(rows));
    }

    /// <summary>The marker of the lowest τ of a curve on the trade-off plot (Plotly's symbol name).</summary>
    public const string LowestTauSymbol = "circle-open";

    /// <summary>The marker of the highest τ of a curve on the trade-off plot (Plotly's symbol name).</summary>
    public const string HighestTauSymbol = "square";

    /// <summary>
    /// Final train −ELBO against τ (log x). Runs that diverged (<c>diverged</c> true or a non-finite loss) are excluded and counted
    /// in the hover box, and a τ at which every run diverged is not drawn and listed in a footnote. Temperature-free estimators are
    /// horizontal dashed lines at their mean. The line under the title says how many seeds were run and whether τ's effect
    /// stands above their noise:
    /// <list type="bullet">
    /// <item>with one seed per point, the points are drawn unjoined (lines between single runs would cross at random) and the line
    /// says that one seed cannot tell τ's effect from noise;</item>
    /// <item>with several, each estimator's points are joined, with a band of ± 1 standard error (sd/√n over seeds) that a legend
    /// entry names, and the line says for which estimators the best and the worst τ differ by more than twice their combined
    /// standard error √(s.e.₁² + s.e.₂²), and for which they do not.</item>
    /// </list>
    /// </summary>
    /// <param name="runs">One row per run: <c>estimator</c> (family title), <c>spec</c>, <c>tau</c> (NaN for
    /// temperature-free), <c>seed</c>, <c>final_train_elbo</c> (nats), <c>diverged</c>.</param>
    /// <param name="subtitle">The second title line, e.g. the training budget and preset.</param>
    /// <exception cref="ArgumentException">A column is missing or holds the wrong kind of value, or the frame is empty.</exception>
    public static GenericChart TrainingVersusTemperature(DataFrame runs, string subtitle)
    {
        var columns = new FrameColumns(runs, "The training-versus-temperature figure", nameof(runs), [.. TrainingColumns]);
        if (columns.RowCount == 0) throw new ArgumentException("The runs frame has no rows.", nameof(runs));
        var estimators = columns.Strings(Columns.Estimator);
        var tau = columns.Doubles(Columns.Tau);
        var loss = columns.Doubles(Columns.FinalTrainElbo);
        var divergedFlag = columns.Booleans(Columns.Diverged);
        var spec = columns.Strings(Columns.Spec);
        var seed = columns.Integers(Columns.Seed);
        bool Excluded(int i) => divergedFlag[i] || !double.IsFinite(loss[i]);

        var range = TemperatureRange(tau);
        var notDrawn = new List<string>();
        var curves = new List<(string Estimator, (double Tau, int[] Rows, SampleStatistics Summary)[] Points, SampleStatistics? Fixed, int[] FixedRows)>();
        foreach (var estimator in estimators.Distinct())
        {
            var mine = Enumerable.Range(0, estimators.Length).Where(i => estimators[i] == estimator).ToArray();
            var byTau = mine.Where(i => !double.IsNaN(tau[i])).GroupBy(i => tau[i]).OrderBy(g => g.Key)
                .Select(g => (Tau: g.Key, Rows: g.ToArray(), Summary: SampleStatistics.Of(g.Where(i => !Excluded(i)).Select(i => loss[i]).ToArray())))
                .ToArray();
            notDrawn.AddRange(byTau.Where(t => t.Summary.Count == 0).Select(t => $"{estimator} at τ = {PlotText.Number(t.Tau)}"));
            var fixedRuns = mine.Where(i => double.IsNaN(tau[i])).ToArray();
            var fixedSummary = fixedRuns.Length == 0 ? null : SampleStatistics.Of(fixedRuns.Where(i => !Excluded(i)).Select(i => loss[i]).ToArray());
            if (fixedSummary is { Count: 0 }) notDrawn.Add(estimator);
            curves.Add((estimator, byTau.Where(t => t.Summary.Count > 0).ToArray(), fixedSummary is { Count: > 0 } ? fixedSummary : null, fixedRuns));
        }
        int seeds = seed.Distinct().Count();
        int mostRuns = curves.SelectMany(c => c.Points.Select(p => p.Summary.Count).Append(c.Fixed?.Count ?? 0)).DefaultIfEmpty(0).Max();
        bool joined = mostRuns >= 2;

        var traces = new List<GenericChart>();
        foreach (var (estimator, points, fixedSummary, fixedRuns) in curves)
        {
            var style = SeriesStyle.ForEstimator(estimator);
            if (points.Length > 0)
            {
                var x = points.Select(t => t.Tau).ToArray();
                var y = points.Select(t => t.Summary.Mean).ToArray();
                var hover = points.Select(t => RunHover($"{estimator}, τ = {PlotText.Number(t.Tau)}", t.Summary, t.Rows)).ToArray();
                traces.Add(joined
                    ? ChartTraces.MeanWithBand(x, y, points.Select(t => t.Summary.StandardError).ToArray(), style, hover)
                    : ChartTraces.Markers(x, y, style, StyleParam.MarkerSymbol.Circle, size: 9, hover));
            }
            if (fixedSummary is not null)
                traces.Add(ChartTraces.HorizontalReferenceLine(range.From, range.To, fixedSummary.Mean,
                    style with { ShowLegend = points.Length == 0 },
                    RunHover($"{estimator} (temperature-free)", fixedSummary, fixedRuns)));
        }
        if (traces.Count == 0)
            throw new ArgumentException("Every run diverged: there is nothing to draw.", nameof(runs));
        bool anyBand = joined && curves.Any(c => c.Points.Any(p => double.IsFinite(p.Summary.StandardError)));
        if (anyBand) traces.Add(ChartTraces.LegendKey("± 1 standard error over seeds", LegendKeyKind.Band));

        var chart = PlotlyChart.Combine(traces);
        chart = ChartStyle.WithXAxis(chart, TemperatureAxisTitle, AxisScale.Log, panel: 1, LogAxisTicks.Covering(tau));
        chart = ChartStyle.WithYAxis(chart, "train −ELBO after training (nats)", AxisScale.Linear);
        chart = ChartStyle.WithStandardLayout(chart, plotHeight: 400, LegendPlacement.Right);
        var notes = new List<string>();
        if (notDrawn.Count > 0) notes.Add("Not drawn (every run diverged): " + string.Join(", ", notDrawn));
        int singleRunPoints = curves.Sum(c => c.Points.Count(p => p.Summary.Count == 1));
        if (joined && singleRunPoints > 0)
            notes.Add($"{PlotText.Count(singleRunPoints)} of {PlotText.Count(curves.Sum(c => c.Points.Length))} points rest on one run and have no band.");
        notes.AddRange(EstimatorNotes.For(estimators));
        if (notes.Count > 0) chart = ChartStyle.WithFootnote(chart, string.Join("\n", notes));
        return ChartStyle.WithTitle(chart, TrainingTitle, subtitle, TrainingNoise(curves.Select(c => (c.Estimator, c.Points.Select(p => (p.Tau, p.Summary)).ToArray())).ToList(), seeds, joined));

        string RunHover(string heading, SampleStatistics summary, IReadOnlyList<int> group)
        {
            var excludedSeeds = group.Where(Excluded).Select(i => seed[i]).Order().ToArray();
            var specs = group.Select(i => spec[i]).Distinct();
            return $"{PlotText.Escape(heading)}<br>" +
                (summary.Count > 1
                    ? $"train −ELBO {PlotText.Number(summary.Mean)} ± {PlotText.Number(summary.StandardError)} nats (± 1 s.e.; sd {PlotText.Number(summary.StandardDeviation)})<br>"
                    : $"train −ELBO {PlotText.Number(summary.Mean)} nats (one run: no spread)<br>") +
                $"{PlotText.Count(summary.Count)} runs" +
                (excludedSeeds.Length > 0
                    ? $", {PlotText.Count(excludedSeeds.Length)} diverged and excluded (seed {string.Join(", ", excludedSeeds)})"
                    : ", none diverged") +
                $"<br>{PlotText.Escape(string.Join(", ", specs))}";
        }
    }

    /// <summary>
    /// The line under the training figure's title: the seeds run, and whether τ's effect stands above their noise — for each
    /// estimator, whether its best and worst τ differ by more than twice their combined standard error.
    /// </summary>
    internal static string TrainingNoise(IReadOnlyList<(string Estimator, (double Tau, SampleStatistics Summary)[] Points)> curves, int seeds, bool joined)
    {
        if (!joined)
            return $"{(seeds == 1 ? "One seed" : "One run per point")}: too few to tell τ's effect from noise, so the points are not joined " +
                   $"(--preset paper runs {PlotText.Count(NotebookExperiments.Analyses.TemperatureStudyParameters.Paper.Seeds.Count)} seeds per τ).";
        var above = new List<string>();
        var within = new List<string>();
        var unknown = new List<string>();
        foreach (var (estimator, points) in curves.Where(c => c.Points.Length >= 2))
        {
            var best = points.MinBy(p => p.Summary.Mean);
            var worst = points.MaxBy(p => p.Summary.Mean);
            double combined = Math.Sqrt(best.Summary.StandardError * best.Summary.StandardError + worst.Summary.StandardError * worst.Summary.StandardError);
            if (!double.IsFinite(combined)) unknown.Add(estimator);
            else if (worst.Summary.Mean - best.Summary.Mean > 2 * combined)
                above.Add($"{estimator} (τ = {PlotText.Number(best.Tau)} best by {PlotText.Significant(worst.Summary.Mean - best.Summary.Mean, 2)} nats)");
            else within.Add(estimator);
        }
        var parts = new List<string> { $"Mean of up to {PlotText.Count(seeds)} seeds ± 1 standard error (bands)." };
        if (above.Count > 0) parts.Add($"τ's best and worst differ by more than 2 combined s.e. for {string.Join(", ", above)}.");
        if (within.Count > 0) parts.Add($"Within noise (≤ 2 s.e.) for {string.Join(", ", within)}.");
        if (unknown.Count > 0) parts.Add($"Not measured (single runs) for {string.Join(", ", unknown)}.");
        return string.Join(" ", parts);
    }

    private static (double From, double To) TemperatureRange(IReadOnlyList<double> tau)
    {
        var finite = tau.Where(t => double.IsFinite(t) && t > 0).ToArray();
        if (finite.Length == 0) return DefaultTemperatureRange;
        double low = finite.Min(), high = finite.Max();
        // A single τ: a reference line of no length would not show; give it a factor of 1.5 either side.
        return low == high ? (low / 1.5, high * 1.5) : (low, high);
    }

    private static bool IsDrawableOnLogLog(double x, double y) => double.IsFinite(x) && double.IsFinite(y) && x > 0 && y > 0;

    private static double Positive(double value) => value > 0 ? value : double.NaN;

    /// <summary>The columns of a gradient-statistics frame of the temperature study, read once.</summary>
    private sealed record GradientRows(
        string[] Estimator, string[] Spec, double[] Tau, double[] Cosine, double[] RelativeStd, double[] Mse, long[] Samples,
        long[] AllZero)
    {
        public static GradientRows Read(DataFrame frame, string figure)
        {
            var columns = new FrameColumns(frame, figure, nameof(frame), [.. GradientColumns]);
            if (columns.RowCount == 0) throw new ArgumentException($"{figure}: the frame has no rows.", nameof(frame));
            return new GradientRows(columns.Strings(Columns.Estimator), columns.Strings(Columns.Spec), columns.Doubles(Columns.Tau),
                columns.Doubles(Columns.Cosine), columns.Doubles(Columns.RelativeStd), columns.Doubles(Columns.Mse), columns.Integers(Columns.Samples),
                columns.Has(AllZeroColumn) ? columns.Integers(AllZeroColumn) : new long[columns.RowCount]);
        }

        public string Label(int i) => double.IsNaN(Tau[i]) ? Estimator[i] : $"{Estimator[i]} at τ = {PlotText.Number(Tau[i])}";

        /// <summary>Why row <paramref name="i"/>'s point is missing from a panel, or null when it is drawn.</summary>
        public string? MissingReason(int i, bool cosineAxis, bool relativeStdAxis, bool oneMinusCosineAxis)
        {
            bool undefined = (cosineAxis || oneMinusCosineAxis) && double.IsNaN(Cosine[i]) || relativeStdAxis && double.IsNaN(RelativeStd[i]);
            if (undefined)
                return AllZero[i] > 0 ? "every estimate is exactly zero (the softmax saturates): cosine and relative std are undefined"
                    : "the value is not a number";
            if (relativeStdAxis && double.IsPositiveInfinity(RelativeStd[i]))
                return "relative std is infinite (an example's mean estimate is zero while its estimates are not)";
            if (relativeStdAxis && RelativeStd[i] <= 0) return "relative std is 0 (no spread), below a log axis";
            if (oneMinusCosineAxis && !(1 - Cosine[i] > 0)) return "1 − cosine ≤ 0 (cosine rounds to 1), below a log axis";
            if (cosineAxis && !double.IsFinite(Cosine[i])) return "the cosine is not finite";
            return null;
        }

        public IEnumerable<int> Indices(string estimator) => Enumerable.Range(0, Estimator.Length).Where(i => Estimator[i] == estimator);

        public string Hover(int i) =>
            $"{PlotText.Escape(Estimator[i])}" + (double.IsNaN(Tau[i]) ? " (temperature-free)" : $", τ = {PlotText.Number(Tau[i])}") +
            $"<br>cosine {PlotText.Number(Cosine[i])}, relative std {PlotText.Number(RelativeStd[i])}<br>" +
            $"MSE {PlotText.Number(Mse[i])} from {PlotText.Count(Samples[i])} estimates<br>{PlotText.Escape(Spec[i])}";
    }
}

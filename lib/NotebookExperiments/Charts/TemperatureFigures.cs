using Microsoft.Data.Analysis;
using Plotly.NET;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace NotebookExperiments.Charts;

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
    public const string TrainingTitle = "Train −ELBO after a fixed budget against temperature τ (mean ± 1 sd over seeds)";

    /// <summary>The x axis title of the temperature plots.</summary>
    public const string TemperatureAxisTitle = "temperature τ (τ₂ for ReinMax-CV), log scale";

    /// <summary>The columns <see cref="GradientVersusTemperature"/> and <see cref="BiasVarianceTradeoff"/> read.</summary>
    public static IReadOnlyList<string> GradientColumns { get; } = ["estimator", "spec", "tau", "cosine", "relative_std", "mse", "samples"];

    /// <summary>The columns <see cref="TrainingVersusTemperature"/> reads.</summary>
    public static IReadOnlyList<string> TrainingColumns { get; } = ["estimator", "spec", "tau", "seed", "final_train_elbo", "diverged"];

    /// <summary>The temperature range of reference lines when the frame has no temperature-dependent rows.</summary>
    private static readonly (double From, double To) DefaultTemperatureRange = (0.05, 2.0);

    /// <summary>
    /// Two panels: cosine similarity with the exact gradient against τ (log x), and relative standard deviation against τ
    /// (log x, log y). One curve per estimator (sorted by τ); temperature-free estimators as horizontal dashed lines at their
    /// value. The legend lists each estimator once; both panels share its colour.
    /// </summary>
    /// <param name="frame">One row per (estimator, τ): <c>estimator</c> (family title, e.g. <c>ST</c>, <c>GR-MC10</c>,
    /// <c>ReinMax-CV</c>), <c>spec</c>, <c>tau</c> (NaN for temperature-free rows), <c>cosine</c>, <c>relative_std</c>,
    /// <c>mse</c>, <c>samples</c>.</param>
    /// <param name="subtitle">The second title line, e.g. the checkpoint and preset.</param>
    /// <exception cref="ArgumentException">A column is missing or holds the wrong kind of value, or the frame is empty.</exception>
    public static GenericChart GradientVersusTemperature(DataFrame frame, string subtitle)
    {
        var rows = GradientRows.Read(frame, "The gradient-versus-temperature figure");
        var range = TemperatureRange(rows.Tau);
        var cosinePanel = new List<GenericChart>();
        var variancePanel = new List<GenericChart>();
        foreach (var estimator in rows.Estimator.Distinct())
        {
            var style = SeriesStyle.ForEstimator(estimator);
            var curve = rows.Indices(estimator).Where(i => !double.IsNaN(rows.Tau[i])).OrderBy(i => rows.Tau[i]).ToArray();
            var fixedRows = rows.Indices(estimator).Where(i => double.IsNaN(rows.Tau[i])).ToArray();
            bool legendShown = false;
            if (curve.Length > 0)
            {
                var tau = curve.Select(i => rows.Tau[i]).ToArray();
                var hover = curve.Select(rows.Hover).ToArray();
                cosinePanel.Add(ChartTraces.Line(tau, curve.Select(i => rows.Cosine[i]).ToArray(), style, hover));
                variancePanel.Add(ChartTraces.Line(tau, curve.Select(i => Positive(rows.RelativeStd[i])).ToArray(),
                    style with { ShowLegend = false }, hover));
                legendShown = true;
            }
            if (fixedRows.Length > 0)
            {
                var reference = style with { ShowLegend = !legendShown };
                var hover = rows.Hover(fixedRows[0]) + (fixedRows.Length > 1 ? $"<br>mean of {fixedRows.Length} rows" : "");
                double cosine = fixedRows.Average(i => rows.Cosine[i]);
                double relativeStd = fixedRows.Average(i => rows.RelativeStd[i]);
                if (double.IsFinite(cosine))
                    cosinePanel.Add(ChartTraces.HorizontalReferenceLine(range.From, range.To, cosine, reference, hover));
                if (double.IsFinite(relativeStd) && relativeStd > 0)
                    variancePanel.Add(ChartTraces.HorizontalReferenceLine(range.From, range.To, relativeStd,
                        reference with { ShowLegend = false }, hover));
            }
        }

        var chart = ChartStyle.Grid([PlotlyChart.Combine(cosinePanel), PlotlyChart.Combine(variancePanel)], columns: 2,
            ["Bias: cosine similarity (higher is better)", "Variance: relative std (lower is better)"]);
        var tauTicks = LogAxisTicks.Covering(rows.Tau);
        chart = ChartStyle.WithXAxis(chart, TemperatureAxisTitle, AxisScale.Log, panel: 1, tauTicks);
        chart = ChartStyle.WithYAxis(chart, "cosine with the exact gradient", AxisScale.Linear, panel: 1);
        chart = ChartStyle.WithXAxis(chart, TemperatureAxisTitle, AxisScale.Log, panel: 2, tauTicks);
        chart = ChartStyle.WithYAxis(chart, "relative std ‖std‖ / ‖mean‖ (log)", AxisScale.Log, panel: 2,
            LogAxisTicks.Covering(rows.RelativeStd));
        chart = ChartStyle.WithStandardLayout(chart, width: 1000, height: 480, LegendPlacement.Below);
        return ChartStyle.WithTitle(chart, GradientTitle, subtitle);
    }

    /// <summary>
    /// The bias–variance plane: relative standard deviation (log x) against 1 − cosine similarity (log y), lower left is
    /// better. Each temperature-dependent estimator is a curve of markers traced in order of τ, its smallest and largest τ
    /// written next to the ends and every τ in the hover box; each temperature-free estimator is a star. Points that a log
    /// axis cannot show (1 − cosine ≤ 0, i.e. cosine rounded to 1, or a relative std ≤ 0) are left out and listed in a footnote.
    /// </summary>
    /// <param name="frame">The frame of <see cref="GradientVersusTemperature"/>.</param>
    /// <param name="subtitle">The second title line.</param>
    /// <exception cref="ArgumentException">A column is missing or holds the wrong kind of value, or the frame is empty.</exception>
    public static GenericChart BiasVarianceTradeoff(DataFrame frame, string subtitle)
    {
        var rows = GradientRows.Read(frame, "The bias-variance trade-off figure");
        var traces = new List<GenericChart>();
        var notDrawn = new List<string>();
        foreach (var estimator in rows.Estimator.Distinct())
        {
            var style = SeriesStyle.ForEstimator(estimator);
            var all = rows.Indices(estimator).ToArray();
            var drawable = all.Where(i => IsDrawableOnLogLog(rows.RelativeStd[i], 1 - rows.Cosine[i])).ToArray();
            notDrawn.AddRange(all.Except(drawable).Select(i =>
                double.IsNaN(rows.Tau[i]) ? estimator : $"{estimator} at τ = {PlotText.Number(rows.Tau[i])}"));

            var curve = drawable.Where(i => !double.IsNaN(rows.Tau[i])).OrderBy(i => rows.Tau[i]).ToArray();
            var stars = drawable.Where(i => double.IsNaN(rows.Tau[i])).ToArray();
            if (curve.Length > 0)
            {
                var line = ChartTraces.Line(
                    curve.Select(i => rows.RelativeStd[i]).ToArray(), curve.Select(i => 1 - rows.Cosine[i]).ToArray(),
                    style, curve.Select(rows.Hover).ToArray());
                var labels = curve.Select((i, k) => k == 0 || k == curve.Length - 1 ? $"τ={PlotText.Number(rows.Tau[i])}" : "").ToArray();
                traces.Add(ChartTraces.WithPointLabels(line, labels, StyleParam.TextPosition.TopRight));
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

        var drawnRows = Enumerable.Range(0, rows.Estimator.Length)
            .Where(i => IsDrawableOnLogLog(rows.RelativeStd[i], 1 - rows.Cosine[i])).ToArray();
        var chart = PlotlyChart.Combine(traces);
        chart = ChartStyle.WithXAxis(chart, "relative std ‖std‖ / ‖mean‖ — variance (log)", AxisScale.Log, panel: 1,
            LogAxisTicks.Covering(drawnRows.Select(i => rows.RelativeStd[i])));
        chart = ChartStyle.WithYAxis(chart, "1 − cosine(mean estimate, exact gradient) — bias (log)", AxisScale.Log, panel: 1,
            LogAxisTicks.Covering(drawnRows.Select(i => 1 - rows.Cosine[i])));
        chart = ChartStyle.WithStandardLayout(chart, width: 1000, height: 620, LegendPlacement.Right);
        if (notDrawn.Count > 0)
            chart = ChartStyle.WithFootnote(chart, "Not drawn (1 − cosine ≤ 0 or relative std ≤ 0 cannot be shown on a log axis): " +
                string.Join(", ", notDrawn));
        return ChartStyle.WithTitle(chart, TradeoffTitle, subtitle);
    }

    /// <summary>
    /// Final train −ELBO against τ (log x): per estimator and τ, the mean over seeds with markers and a ±1 sd band; runs that
    /// diverged (<c>diverged</c> true or a non-finite loss) are excluded and counted in the hover box, and a τ at which every
    /// run diverged is not drawn and listed in a footnote. Temperature-free estimators are horizontal dashed lines at their mean.
    /// </summary>
    /// <param name="runs">One row per run: <c>estimator</c> (family title), <c>spec</c>, <c>tau</c> (NaN for
    /// temperature-free), <c>seed</c>, <c>final_train_elbo</c> (nats), <c>diverged</c>.</param>
    /// <param name="subtitle">The second title line, e.g. the training budget and preset.</param>
    /// <exception cref="ArgumentException">A column is missing or holds the wrong kind of value, or the frame is empty.</exception>
    public static GenericChart TrainingVersusTemperature(DataFrame runs, string subtitle)
    {
        var columns = new FrameColumns(runs, "The training-versus-temperature figure", nameof(runs), [.. TrainingColumns]);
        if (columns.RowCount == 0) throw new ArgumentException("The runs frame has no rows.", nameof(runs));
        var estimators = columns.Strings("estimator");
        var tau = columns.Doubles("tau");
        var loss = columns.Doubles("final_train_elbo");
        var divergedFlag = columns.Booleans("diverged");
        var spec = columns.Strings("spec");
        var seed = columns.Integers("seed");
        bool Excluded(int i) => divergedFlag[i] || !double.IsFinite(loss[i]);

        var range = TemperatureRange(tau);
        var traces = new List<GenericChart>();
        var notDrawn = new List<string>();
        foreach (var estimator in estimators.Distinct())
        {
            var style = SeriesStyle.ForEstimator(estimator);
            var mine = Enumerable.Range(0, estimators.Length).Where(i => estimators[i] == estimator).ToArray();
            var byTau = mine.Where(i => !double.IsNaN(tau[i])).GroupBy(i => tau[i]).OrderBy(g => g.Key)
                .Select(g => (Tau: g.Key, Rows: g.ToArray(),
                    Summary: SampleSummary.Of(g.Where(i => !Excluded(i)).Select(i => loss[i]).ToArray())))
                .ToArray();
            notDrawn.AddRange(byTau.Where(t => t.Summary.Count == 0).Select(t => $"{estimator} at τ = {PlotText.Number(t.Tau)}"));
            var drawn = byTau.Where(t => t.Summary.Count > 0).ToArray();
            if (drawn.Length > 0)
                traces.Add(ChartTraces.MeanWithBand(
                    drawn.Select(t => t.Tau).ToArray(), drawn.Select(t => t.Summary.Mean).ToArray(),
                    drawn.Select(t => t.Summary.StandardDeviation).ToArray(), style,
                    drawn.Select(t => RunHover($"{estimator}, τ = {PlotText.Number(t.Tau)}", t.Summary, t.Rows)).ToArray()));

            var fixedRuns = mine.Where(i => double.IsNaN(tau[i])).ToArray();
            if (fixedRuns.Length > 0)
            {
                var summary = SampleSummary.Of(fixedRuns.Where(i => !Excluded(i)).Select(i => loss[i]).ToArray());
                if (summary.Count == 0) notDrawn.Add(estimator);
                else
                    traces.Add(ChartTraces.HorizontalReferenceLine(range.From, range.To, summary.Mean,
                        style with { ShowLegend = drawn.Length == 0 },
                        RunHover($"{estimator} (temperature-free)", summary, fixedRuns)));
            }
        }
        if (traces.Count == 0)
            throw new ArgumentException("Every run diverged: there is nothing to draw.", nameof(runs));

        var chart = PlotlyChart.Combine(traces);
        chart = ChartStyle.WithXAxis(chart, TemperatureAxisTitle, AxisScale.Log, panel: 1, LogAxisTicks.Covering(tau));
        chart = ChartStyle.WithYAxis(chart, "train −ELBO after training (nats)", AxisScale.Linear);
        chart = ChartStyle.WithStandardLayout(chart, width: 1000, height: 560, LegendPlacement.Right);
        if (notDrawn.Count > 0)
            chart = ChartStyle.WithFootnote(chart, "Not drawn (every run diverged): " + string.Join(", ", notDrawn));
        return ChartStyle.WithTitle(chart, TrainingTitle, subtitle);

        string RunHover(string heading, SampleSummary summary, IReadOnlyList<int> group)
        {
            var excludedSeeds = group.Where(Excluded).Select(i => seed[i]).Order().ToArray();
            var specs = group.Select(i => spec[i]).Distinct();
            return $"{PlotText.Escape(heading)}<br>" +
                $"train −ELBO {PlotText.Number(summary.Mean)} ± {PlotText.Number(summary.StandardDeviation)} nats<br>" +
                $"{PlotText.Count(summary.Count)} runs" +
                (excludedSeeds.Length > 0
                    ? $", {PlotText.Count(excludedSeeds.Length)} diverged and excluded (seed {string.Join(", ", excludedSeeds)})"
                    : ", none diverged") +
                $"<br>{PlotText.Escape(string.Join(", ", specs))}";
        }
    }

    private static (double From, double To) TemperatureRange(IReadOnlyList<double> tau)
    {
        var finite = tau.Where(t => double.IsFinite(t) && t > 0).ToArray();
        return finite.Length == 0 ? DefaultTemperatureRange : (finite.Min(), finite.Max());
    }

    private static bool IsDrawableOnLogLog(double x, double y) => double.IsFinite(x) && double.IsFinite(y) && x > 0 && y > 0;

    private static double Positive(double value) => value > 0 ? value : double.NaN;

    /// <summary>The columns of a gradient-statistics frame of the temperature study, read once.</summary>
    private sealed record GradientRows(
        string[] Estimator, string[] Spec, double[] Tau, double[] Cosine, double[] RelativeStd, double[] Mse, long[] Samples)
    {
        public static GradientRows Read(DataFrame frame, string figure)
        {
            var columns = new FrameColumns(frame, figure, nameof(frame), [.. GradientColumns]);
            if (columns.RowCount == 0) throw new ArgumentException($"{figure}: the frame has no rows.", nameof(frame));
            return new GradientRows(columns.Strings("estimator"), columns.Strings("spec"), columns.Doubles("tau"),
                columns.Doubles("cosine"), columns.Doubles("relative_std"), columns.Doubles("mse"), columns.Integers("samples"));
        }

        public IEnumerable<int> Indices(string estimator) => Enumerable.Range(0, Estimator.Length).Where(i => Estimator[i] == estimator);

        public string Hover(int i) =>
            $"{PlotText.Escape(Estimator[i])}" + (double.IsNaN(Tau[i]) ? " (temperature-free)" : $", τ = {PlotText.Number(Tau[i])}") +
            $"<br>cosine {PlotText.Number(Cosine[i])}, relative std {PlotText.Number(RelativeStd[i])}<br>" +
            $"MSE {PlotText.Number(Mse[i])} from {PlotText.Count(Samples[i])} estimates<br>{PlotText.Escape(Spec[i])}";
    }
}

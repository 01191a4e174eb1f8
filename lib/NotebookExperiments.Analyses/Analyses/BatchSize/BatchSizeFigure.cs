using Microsoft.Data.Analysis;
using NotebookExperiments.Charts;
using Plotly.NET;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace NotebookExperiments.Analyses;

/// <summary>
/// The Gumbel-Rao paper's batch-size axis (Paulus et al., ICLR 2021, Section 1: GR-MCK's improvement over ST-GS "is particularly
/// pronounced at small batch sizes and low temperatures"): the error of the batch-mean gradient against the batch size, from
/// <see cref="BatchSize"/>.
/// </summary>
public static class BatchSizeFigure
{
    /// <summary>The figure title.</summary>
    public const string Title = "Gradient error against batch size: is GR-MCK's gain over ST-GS largest at small batches and low τ (Paulus et al. 2021)?";

    /// <summary>
    /// Two panels against the batch size B (log x): the relative MSE, MSE / ‖g*‖² (log y), with ± 1 standard-error bands; and each
    /// estimator's MSE over ST-GS's at the same τ and B (log y, 1 is no gain), where ST-GS itself is left out. One line per estimator and
    /// τ: the estimator's colour (<see cref="EstimatorPalette"/>), solid at the lowest τ and dashed, then dotted, at higher ones.
    /// </summary>
    /// <param name="frame">The table of <see cref="BatchSizeResult"/> (the columns of <see cref="BatchSize.ColumnNames"/>).</param>
    /// <param name="subtitle">The second title line (<see cref="BatchSizeResult.Description"/>).</param>
    /// <exception cref="ArgumentException">A column is missing or holds the wrong kind of value, or the frame is empty.</exception>
    public static GenericChart Create(DataFrame frame, string subtitle)
    {
        var columns = new FrameColumns(frame, "The batch-size figure", nameof(frame), [.. BatchSize.ColumnNames]);
        if (columns.RowCount == 0) throw new ArgumentException("The batch-size frame has no rows.", nameof(frame));
        var estimator = columns.Strings(Columns.Estimator);
        var spec = columns.Strings(Columns.Spec);
        var tau = columns.Doubles(Columns.Tau);
        var batch = columns.Integers(Columns.BatchSize);
        var mse = columns.Doubles(Columns.Mse);
        var se = columns.Doubles(Columns.MseSe);
        var norm = columns.Doubles(Columns.ExactSquaredNorm);
        var relative = columns.Doubles(Columns.RelativeMse);
        var ratio = columns.Doubles(Columns.VsStGs);
        var bias = columns.Doubles(Columns.SquaredBias);
        var variance = columns.Doubles(Columns.Variance);

        var temperatures = tau.Distinct().Order().ToList();
        StyleParam.DrawingStyle?[] dashes = [null, StyleParam.DrawingStyle.Dash, StyleParam.DrawingStyle.Dot, StyleParam.DrawingStyle.DashDot];
        var errorPanel = new List<GenericChart>();
        var ratioPanel = new List<GenericChart>();
        foreach (var (name, t) in Enumerable.Range(0, columns.RowCount).Select(i => (estimator[i], tau[i])).Distinct())
        {
            var rows = Enumerable.Range(0, columns.RowCount).Where(i => estimator[i] == name && tau[i] == t).OrderBy(i => batch[i]).ToArray();
            string label = $"{name}, τ = {PlotText.Number(t)}";
            var style = SeriesStyle.ForEstimator(name) with
            {
                Name = label,
                LegendGroup = label,
                Dash = dashes[Math.Min(temperatures.IndexOf(t), dashes.Length - 1)],
            };
            var x = rows.Select(i => (double)batch[i]).ToArray();
            var hover = rows.Select(i =>
                $"{PlotText.Escape(label)}, B = {PlotText.Count(batch[i])}<br>relative MSE {PlotText.Number(relative[i])} " +
                $"(± {PlotText.Number(se[i] / norm[i])})<br>squared bias {PlotText.Number(bias[i])}, variance {PlotText.Number(variance[i])}" +
                (double.IsFinite(ratio[i]) ? $"<br>{PlotText.Number(ratio[i])}× ST-GS's MSE" : "") + $"<br>{PlotText.Escape(spec[i])}").ToArray();
            errorPanel.Add(ChartTraces.MeanWithBand(x, rows.Select(i => relative[i]).ToArray(), rows.Select(i => se[i] / norm[i]).ToArray(), style, hover));
            if (name != "ST-GS" && rows.Any(i => double.IsFinite(ratio[i])))
                ratioPanel.Add(ChartTraces.Line(x, rows.Select(i => ratio[i]).ToArray(), style with { ShowLegend = false }, hover));
        }
        var xs = batch.Select(b => (double)b).ToArray();
        if (ratioPanel.Count > 0)
            ratioPanel.Add(ChartTraces.HorizontalReferenceLine(xs.Min(), xs.Max(), 1.0,
                new SeriesStyle("ST-GS itself (ratio 1)", ChartStyle.ReferenceGrey, Dash: StyleParam.DrawingStyle.Dot)));

        var panels = ratioPanel.Count > 0
            ? new[] { PlotlyChart.Combine(errorPanel), PlotlyChart.Combine(ratioPanel) }
            : new[] { PlotlyChart.Combine(errorPanel) };
        var chart = ChartStyle.Grid(panels, columns: 2,
            ratioPanel.Count > 0 ? ["Relative MSE ‖ĝ − g*‖² / ‖g*‖² (lower is better)", "MSE over ST-GS's at the same τ and B (below 1: a gain)"]
                : ["Relative MSE ‖ĝ − g*‖² / ‖g*‖² (lower is better)"]);
        var ticks = LogAxisTicks.Covering(xs);
        chart = ChartStyle.WithXAxis(chart, "batch size B (log)", AxisScale.Log, panel: 1, ticks);
        chart = ChartStyle.WithYAxis(chart, "relative MSE (log)", AxisScale.Log, panel: 1, LogAxisTicks.Covering(relative.Where(v => v > 0)));
        if (ratioPanel.Count > 0)
        {
            chart = ChartStyle.WithXAxis(chart, "batch size B (log)", AxisScale.Log, panel: 2, ticks);
            chart = ChartStyle.WithYAxis(chart, "MSE ÷ ST-GS's MSE (log)", AxisScale.Log, panel: 2,
                LogAxisTicks.Covering(ratio.Where(v => v > 0).Append(1.0)));
        }
        var samples = columns.Integers(Columns.Samples).Distinct().Order().ToList();
        chart = PlotlyChart.Combine([chart, ChartTraces.LegendKey(
            $"± 1 standard error over {string.Join(" or ", samples.Select(PlotText.Count))} estimates", LegendKeyKind.Band)]);
        chart = ChartStyle.WithStandardLayout(chart, plotHeight: 300, LegendPlacement.Below);
        chart = ChartStyle.WithFootnote(chart,
            "Gradient of the batch-mean loss with respect to the encoder's output layer (weights and bias); bands ± 1 standard error over the estimates. " +
            "GR-MCK has ST-GS's expectation and lowers only the variance, which falls as 1/B; the squared bias falls only as far as the examples' " +
            "biases cancel, so where they are shared the ratio tends to 1 as B grows.");
        return ChartStyle.WithTitle(chart, Title, subtitle,
            $"Bands: ± 1 standard error of the MSE over {string.Join(" or ", samples.Select(PlotText.Count))} estimates on one batch of one model: " +
            "lines whose bands overlap are not told apart.");
    }
}

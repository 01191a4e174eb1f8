using NotebookExperiments.Analyses;
using Plotly.NET;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace NotebookExperiments.Charts;

/// <summary>
/// The ZGR paper's Fig. 5 on this machine (Shekhovtsov 2023: "time of a forward-backward pass per batch" per estimator): the
/// milliseconds of each estimator's forward–backward pass, and the same as a multiple of ST's, from <see cref="StepTiming"/>.
/// </summary>
public static class StepTimingFigure
{
    /// <summary>The figure title.</summary>
    public const string Title = "Time of a forward–backward pass per batch, per estimator (the ZGR paper's Fig. 5, on this machine)";

    /// <summary>
    /// Two panels of bars in the order of the table, coloured by <see cref="EstimatorPalette"/>: the median milliseconds per pass
    /// (whiskers: the quartiles over the rounds) and the time over ST's, taken round by round (median, whiskers: quartiles; the label
    /// above each bar). The subtitle says where it was measured and that the paper's GPU milliseconds are not comparable; a footnote
    /// names the decoder passes of the estimators that make more than one.
    /// </summary>
    /// <param name="result">The timing.</param>
    /// <exception cref="ArgumentException">The table lacks a column of <see cref="StepTiming.Columns"/> or has no rows.</exception>
    public static GenericChart Create(StepTimingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var columns = new FrameColumns(result.Table, "The step-timing figure", nameof(result), [.. StepTiming.Columns]);
        if (columns.RowCount == 0) throw new ArgumentException("The step-timing table has no rows.", nameof(result));
        var estimator = columns.Strings("estimator");
        var spec = columns.Strings("spec");
        var nfe = columns.Integers("nfe");
        var median = columns.Doubles("median_ms");
        var (q1, q3) = (columns.Doubles("q1_ms"), columns.Doubles("q3_ms"));
        var ratio = columns.Doubles("vs_st");
        var (r1, r3) = (columns.Doubles("vs_st_q1"), columns.Doubles("vs_st_q3"));

        var milliseconds = new List<GenericChart>();
        var ratios = new List<GenericChart>();
        for (int i = 0; i < columns.RowCount; i++)
        {
            var style = SeriesStyle.ForEstimator(estimator[i]);
            string hover = $"{PlotText.Escape(estimator[i])}<br>{PlotText.Number(median[i])} ms per pass (quartiles {PlotText.Number(q1[i])}–" +
                           $"{PlotText.Number(q3[i])})<br>{PlotText.Number(ratio[i])}× ST (quartiles {PlotText.Number(r1[i])}–{PlotText.Number(r3[i])})" +
                           $"<br>{PlotText.Escape(spec[i])}, {PlotText.Count(nfe[i])} decoder pass{(nfe[i] == 1 ? "" : "es")}";
            milliseconds.Add(ChartTraces.Bar(estimator[i], median[i], q1[i], q3[i], style, PlotText.Number(median[i]), hover));
            ratios.Add(ChartTraces.Bar(estimator[i], ratio[i], r1[i], r3[i], style with { ShowLegend = false }, $"{PlotText.Number(ratio[i])}×", hover));
        }

        var chart = ChartStyle.Grid([PlotlyChart.Combine(milliseconds), PlotlyChart.Combine(ratios)], columns: 2,
            ["Milliseconds per forward–backward pass", "Time over ST's, round by round"]);
        chart = ChartStyle.WithYAxis(chart, "ms per pass (median; whiskers: quartiles)", AxisScale.Linear, panel: 1);
        chart = ChartStyle.WithYAxis(chart, "× ST (median; whiskers: quartiles)", AxisScale.Linear, panel: 2);
        chart = ChartStyle.WithStandardLayout(chart, width: 1100, height: 500, LegendPlacement.Right);
        chart = GenericChart.mapLayout(Microsoft.FSharp.Core.FuncConvert.FromFunc<Plotly.NET.Layout, Plotly.NET.Layout>(layout =>
        {
            layout.SetProperty("showlegend", false);
            return layout;
        }), chart);
        var several = Enumerable.Range(0, columns.RowCount).Where(i => nfe[i] > 1).Select(i => $"{estimator[i]}: {nfe[i]}").ToList();
        var notes = new List<string>
        {
            "Forward–backward pass: encoder, estimator, decoder, loss and backward on one batch (no optimiser update), through Trainer.ForwardBackward. " +
            "Ratios compare passes timed within moments of each other (interleaved rounds); on a loaded machine the milliseconds move, the ratios much less.",
        };
        if (several.Count > 0) notes.Add("Decoder passes per example: " + string.Join(", ", several) + "; every other estimator makes one.");
        chart = ChartStyle.WithFootnote(chart, string.Join("\n", notes));
        return ChartStyle.WithTitle(chart, Title, result.Describe());
    }
}

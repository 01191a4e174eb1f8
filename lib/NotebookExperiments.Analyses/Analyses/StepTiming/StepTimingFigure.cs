using NotebookExperiments.Charts;
using Plotly.NET;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace NotebookExperiments.Analyses;

/// <summary>
/// The ZGR paper's Fig. 5 on this machine (Shekhovtsov 2023: "time of a forward-backward pass per batch" per estimator): the
/// milliseconds of each estimator's forward–backward pass, and the same as a multiple of ST's, from <see cref="StepTiming"/>.
/// </summary>
public static class StepTimingFigure
{
    /// <summary>A bar's label: three significant digits (<c>6.41</c>, <c>16.7</c>, <c>0.963</c>).</summary>
    internal static string Label(double value) => PlotText.Significant(value, 3);

    /// <summary>The figure title.</summary>
    public const string Title = "Time of a forward–backward pass per batch, per estimator (the ZGR paper's Fig. 5, on this machine)";

    /// <summary>
    /// Two panels of horizontal bars, the estimators down the y axis in the order of the table, coloured by
    /// <see cref="EstimatorPalette"/>: the median milliseconds per pass (whiskers: the quartiles over the rounds) and the time over
    /// ST's, taken round by round (median, whiskers: quartiles), each labelled with three significant digits beyond its whisker.
    /// The subtitle says where it was measured and that the paper's GPU milliseconds are not comparable, the line under it that
    /// estimators whose whiskers overlap are not told apart; a footnote names the decoder passes of the estimators that make more
    /// than one.
    /// </summary>
    /// <param name="result">The timing.</param>
    /// <exception cref="ArgumentException">The table lacks a column of <see cref="StepTiming.ColumnNames"/> or has no rows.</exception>
    public static GenericChart Create(StepTimingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var columns = new FrameColumns(result.Table, "The step-timing figure", nameof(result), [.. StepTiming.ColumnNames]);
        if (columns.RowCount == 0) throw new ArgumentException("The step-timing table has no rows.", nameof(result));
        var estimator = columns.Strings(Columns.Estimator);
        var spec = columns.Strings(Columns.Spec);
        var nfe = columns.Integers(Columns.Nfe);
        var median = columns.Doubles(Columns.MedianMs);
        var (q1, q3) = (columns.Doubles(Columns.Q1Ms), columns.Doubles(Columns.Q3Ms));
        var ratio = columns.Doubles(Columns.VsSt);
        var (r1, r3) = (columns.Doubles(Columns.VsStQ1), columns.Doubles(Columns.VsStQ3));

        var milliseconds = new List<GenericChart>();
        var ratios = new List<GenericChart>();
        for (int i = 0; i < columns.RowCount; i++)
        {
            var style = SeriesStyle.ForEstimator(estimator[i]);
            string hover = $"{PlotText.Escape(estimator[i])}<br>{PlotText.Number(median[i])} ms per pass (quartiles {PlotText.Number(q1[i])}–" +
                           $"{PlotText.Number(q3[i])})<br>{PlotText.Number(ratio[i])}× ST (quartiles {PlotText.Number(r1[i])}–{PlotText.Number(r3[i])})" +
                           $"<br>{PlotText.Escape(spec[i])}, {PlotText.Count(nfe[i])} decoder pass{(nfe[i] == 1 ? "" : "es")}";
            milliseconds.Add(ChartTraces.Bar(estimator[i], median[i], q1[i], q3[i], style, Label(median[i]), hover, horizontal: true));
            ratios.Add(ChartTraces.Bar(estimator[i], ratio[i], r1[i], r3[i], style with { ShowLegend = false }, Label(ratio[i]) + "×", hover, horizontal: true));
        }

        var chart = ChartStyle.Grid([PlotlyChart.Combine(milliseconds), PlotlyChart.Combine(ratios)], columns: 2,
            ["Milliseconds per forward–backward pass", "Time over ST's, round by round"]);
        // Room right of the longest whisker for its label.
        double Reach(double[] values, double[] upper) => 1.22 * values.Select((v, i) => Math.Max(v, double.IsFinite(upper[i]) ? upper[i] : v)).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        chart = ChartStyle.WithXAxis(chart, "ms per pass (median; whiskers: quartiles)", AxisScale.Linear, panel: 1);
        chart = ChartStyle.WithXAxis(chart, "× ST (median; whiskers: quartiles)", AxisScale.Linear, panel: 2);
        foreach (var (name, reach) in new[] { ("xaxis", Reach(median, q3)), ("xaxis2", Reach(ratio, r3)) })
            chart = PlotlyProperties.MapAxis(chart, name, axis => axis.SetProperty("range", new[] { 0, reach }));
        // The table's order from top to bottom.
        foreach (var name in new[] { "yaxis", "yaxis2" })
            chart = PlotlyProperties.MapAxis(chart, name, axis => axis.With(("autorange", "reversed"), ("automargin", true)));
        chart = PlotlyProperties.MapLayout(chart, layout => layout.SetProperty("showlegend", false));
        chart = ChartStyle.WithStandardLayout(chart, plotHeight: Math.Max(200, 26 * columns.RowCount), LegendPlacement.Right);
        var several = Enumerable.Range(0, columns.RowCount).Where(i => nfe[i] > 1).Select(i => $"{estimator[i]}: {nfe[i]}").ToList();
        var notes = new List<string>
        {
            "Forward–backward pass: encoder, estimator, decoder, loss and backward on one batch (no optimiser update), through Trainer.ForwardBackward. " +
            "Ratios compare passes timed within moments of each other (interleaved rounds); on a loaded machine the milliseconds move, the ratios much less.",
        };
        if (several.Count > 0) notes.Add("Decoder passes per example: " + string.Join(", ", several) + "; every other estimator makes one.");
        chart = ChartStyle.WithFootnote(chart, string.Join("\n", notes));
        return ChartStyle.WithTitle(chart, Title, result.Describe(),
            $"Whiskers: quartiles over {PlotText.Count(result.Parameters.Plan.Rounds)} rounds: estimators whose whiskers overlap are not told apart by this timing.");
    }
}

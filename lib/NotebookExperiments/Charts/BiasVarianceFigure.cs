using Microsoft.Data.Analysis;
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
    public static IReadOnlyList<string> Columns { get; } =
        ["epoch", "estimator", "title", "cosine", "relative_std", "mse", "exact_norm", "mean_norm", "samples"];

    private static readonly StyleParam.DrawingStyle[] DashesForSharedTitles =
        [StyleParam.DrawingStyle.Solid, StyleParam.DrawingStyle.Dash, StyleParam.DrawingStyle.Dot, StyleParam.DrawingStyle.DashDot];

    /// <summary>
    /// Builds the figure: two panels side by side, cosine similarity with the exact gradient against epoch (linear) and
    /// relative standard deviation against epoch (log y). One line per estimator spec, in the order the specs first appear,
    /// named by its paper title and coloured by <see cref="EstimatorPalette"/>, with the same colour in both panels and one
    /// legend entry for both. Specs that share a title (e.g. two K of GR-MCK) are told apart by their spec in the legend and
    /// by dashes. Points with a non-finite value (or a relative std ≤ 0, which a log axis cannot show) are left out.
    /// </summary>
    /// <param name="frame">One row per (checkpoint, estimator): <c>epoch</c>, <c>estimator</c> (spec, e.g.
    /// <c>reinmax:tau=1</c>), <c>title</c> (paper name, e.g. <c>ReinMax</c>), <c>cosine</c>, <c>relative_std</c>, <c>mse</c>,
    /// <c>exact_norm</c>, <c>mean_norm</c>, <c>samples</c>.</param>
    /// <param name="subtitle">The second title line, e.g. the preset the numbers come from.</param>
    /// <exception cref="ArgumentException">A column is missing or holds the wrong kind of value, or the frame is empty.</exception>
    public static GenericChart Create(DataFrame frame, string subtitle)
    {
        var columns = new FrameColumns(frame, "The bias/variance figure", nameof(frame), [.. Columns]);
        if (columns.RowCount == 0) throw new ArgumentException("The bias/variance frame has no rows.", nameof(frame));
        var epoch = columns.Integers("epoch").Select(e => (double)e).ToArray();
        var spec = columns.Strings("estimator");
        var title = columns.Strings("title");
        var cosine = columns.Doubles("cosine");
        var relativeStd = columns.Doubles("relative_std");
        var mse = columns.Doubles("mse");
        var samples = columns.Integers("samples");

        var specs = spec.Distinct().ToList();
        var titleOf = specs.ToDictionary(s => s, s => title[Array.IndexOf(spec, s)]);
        var specsByTitle = specs.GroupBy(s => titleOf[s]).ToDictionary(g => g.Key, g => g.ToList());

        var cosinePanel = new List<GenericChart>();
        var variancePanel = new List<GenericChart>();
        foreach (var s in specs)
        {
            var sameTitle = specsByTitle[titleOf[s]];
            var name = sameTitle.Count == 1 ? titleOf[s] : $"{titleOf[s]} ({s})";
            var style = new SeriesStyle(name, EstimatorPalette.ColorOf(titleOf[s]),
                Dash: sameTitle.Count == 1 ? null : DashesForSharedTitles[sameTitle.IndexOf(s) % DashesForSharedTitles.Length]);
            var rows = Enumerable.Range(0, spec.Length).Where(i => spec[i] == s).OrderBy(i => epoch[i]).ToArray();
            var hover = rows.Select(i =>
                $"{PlotText.Escape(name)}, epoch {PlotText.Number(epoch[i])}<br>" +
                $"cosine {PlotText.Number(cosine[i])}, relative std {PlotText.Number(relativeStd[i])}<br>" +
                $"MSE {PlotText.Number(mse[i])} from {PlotText.Count(samples[i])} estimates<br>{PlotText.Escape(s)}").ToArray();
            var x = rows.Select(i => epoch[i]).ToArray();

            cosinePanel.Add(ChartTraces.Line(x, rows.Select(i => cosine[i]).ToArray(), style, hover));
            variancePanel.Add(ChartTraces.Line(x, rows.Select(i => PositiveOrNaN(relativeStd[i])).ToArray(),
                style with { ShowLegend = false }, hover));
        }

        var chart = ChartStyle.Grid(
            [Plotly.NET.CSharp.Chart.Combine(cosinePanel), Plotly.NET.CSharp.Chart.Combine(variancePanel)], columns: 2,
            ["Bias: cosine similarity (higher is better)", "Variance: relative std (lower is better)"]);
        chart = ChartStyle.WithXAxis(chart, "epoch of the checkpoint", AxisScale.Linear, panel: 1);
        chart = ChartStyle.WithYAxis(chart, "cosine with the exact gradient", AxisScale.Linear, panel: 1);
        chart = ChartStyle.WithXAxis(chart, "epoch of the checkpoint", AxisScale.Linear, panel: 2);
        chart = ChartStyle.WithYAxis(chart, "relative std ‖std‖ / ‖mean‖ (log)", AxisScale.Log, panel: 2,
            LogAxisTicks.Covering(relativeStd));
        chart = ChartStyle.WithStandardLayout(chart, width: 1000, height: 480, LegendPlacement.Below);
        return ChartStyle.WithTitle(chart, Title, subtitle);
    }

    private static double PositiveOrNaN(double value) => value > 0 ? value : double.NaN;
}

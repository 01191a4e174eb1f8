using System.Text.RegularExpressions;
using Microsoft.Data.Analysis;
using Plotly.NET;

namespace NotebookExperiments.Charts;

/// <summary>
/// Beyond ReinMax, Figure 2: the train −ELBO reached by ReinMax-RK2(β) as a function of β, one panel per VAE configuration,
/// with the mean over seeds, a ±1 standard deviation band and a marker at β = ½ (plain ReinMax).
/// </summary>
public static partial class BetaSweepFigure
{
    /// <summary>The figure title.</summary>
    public const string Title = "ReinMax-RK2(β): train −ELBO after training (Beyond ReinMax, Fig. 2)";

    /// <summary>The β at which ReinMax-RK2(β) is ReinMax, marked in every panel.</summary>
    public const double ReinMaxBeta = 0.5;

    /// <summary>The label of the β = ½ marker.</summary>
    public const string ReinMaxMarkerLabel = "ReinMax (β = ½)";

    /// <summary>The legend entry of the mean lines.</summary>
    public const string MeanSeriesName = "mean over seeds ± 1 sd";

    /// <summary>The legend entry of the lines when no β has a known sd (one run each, as in a quick preset).</summary>
    public const string SingleRunSeriesName = "one run per β (no spread)";

    /// <summary>Panels per row; more configurations wrap onto further rows.</summary>
    public const int PanelsPerRow = 3;

    /// <summary>The columns <see cref="Create"/> reads.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["config", "beta", "runs", "mean_train_elbo", "sd_train_elbo", "diverged_runs"];

    /// <summary>
    /// Builds the figure. One panel per configuration, in the order the configurations first appear; in each, the mean
    /// final train −ELBO against β (sorted by β) with markers, a band of ±1 sd where the sd is known (it is NaN for a single
    /// run), and a dotted line at β = ½. Points whose mean is NaN or infinite (every run diverged) are not drawn; a footnote
    /// lists them by configuration and β. The hover box of each point gives β, mean ± sd, and the numbers of runs and diverged runs.
    /// </summary>
    /// <param name="summary">One row per (configuration, β): <c>config</c> (text, e.g. <c>8x4</c>), <c>beta</c>,
    /// <c>runs</c>, <c>mean_train_elbo</c> (nats), <c>sd_train_elbo</c> (NaN when <c>runs</c> = 1), <c>diverged_runs</c>.</param>
    /// <param name="subtitle">The second title line, e.g. the preset the numbers come from.</param>
    /// <exception cref="ArgumentException">A column is missing or holds the wrong kind of value, or the frame is empty.</exception>
    public static GenericChart Create(DataFrame summary, string subtitle)
    {
        var columns = new FrameColumns(summary, "The β-sweep figure", nameof(summary), [.. Columns]);
        if (columns.RowCount == 0) throw new ArgumentException("The β-sweep summary has no rows.", nameof(summary));
        var configs = columns.Strings("config");
        var beta = columns.Doubles("beta");
        var runs = columns.Integers("runs");
        var mean = columns.Doubles("mean_train_elbo");
        var sd = columns.Doubles("sd_train_elbo");
        var diverged = columns.Integers("diverged_runs");

        var configOrder = configs.Distinct().ToList();
        var color = EstimatorPalette.ColorOf("ReinMax-RK2(β)");
        var seriesName = sd.Any(double.IsFinite) ? MeanSeriesName : SingleRunSeriesName;
        var panels = new List<GenericChart>();
        var skippedByPanel = new List<IReadOnlyList<double>>();
        for (int p = 0; p < configOrder.Count; p++)
        {
            var rows = Enumerable.Range(0, configs.Length).Where(i => configs[i] == configOrder[p]).OrderBy(i => beta[i]).ToArray();
            var drawn = rows.Where(i => double.IsFinite(mean[i]) && double.IsFinite(beta[i])).ToArray();
            skippedByPanel.Add(rows.Where(i => !drawn.Contains(i)).Select(i => beta[i]).ToArray());
            var style = new SeriesStyle(seriesName, color, LegendGroup: "mean", ShowLegend: p == 0);
            var hover = drawn.Select(i =>
                $"{PlotText.Escape(PanelTitle(configOrder[p]))}, β = {PlotText.Number(beta[i])}<br>" +
                (double.IsFinite(sd[i])
                    ? $"train −ELBO {PlotText.Number(mean[i])} ± {PlotText.Number(sd[i])} nats (± 1 sd)<br>"
                    : $"train −ELBO {PlotText.Number(mean[i])} nats (one run: sd undefined)<br>") +
                $"{PlotText.Count(runs[i])} runs, {PlotText.Count(diverged[i])} diverged").ToArray();
            panels.Add(ChartTraces.MeanWithBand(
                drawn.Select(i => beta[i]).ToArray(), drawn.Select(i => mean[i]).ToArray(), drawn.Select(i => sd[i]).ToArray(),
                style, hover));
        }

        var chart = ChartStyle.Grid(panels, PanelsPerRow, configOrder.Select(PanelTitle).ToArray());
        for (int panel = 1; panel <= panels.Count; panel++)
        {
            chart = ChartStyle.WithXAxis(chart, "β (first-stage weight)", AxisScale.Linear, panel);
            chart = ChartStyle.WithYAxis(chart, "train −ELBO (nats)", AxisScale.Linear, panel);
            chart = ChartStyle.WithVerticalMarker(chart, ReinMaxBeta, ReinMaxMarkerLabel, panel);
        }

        int columnsUsed = Math.Min(PanelsPerRow, panels.Count);
        int rowsUsed = (panels.Count + columnsUsed - 1) / columnsUsed;
        chart = ChartStyle.WithStandardLayout(chart, width: Math.Max(560, 120 + 360 * columnsUsed), height: 220 + 330 * rowsUsed,
            LegendPlacement.Below);
        var skipped = configOrder.Select((config, p) => (config, p)).Where(c => skippedByPanel[c.p].Count > 0)
            .Select(c => $"{PanelTitle(c.config)} at β = {string.Join(", ", skippedByPanel[c.p].Select(PlotText.Number))}").ToList();
        if (skipped.Count > 0)
            chart = ChartStyle.WithFootnote(chart, "Not drawn (every run diverged, no finite mean): " + string.Join("; ", skipped));
        return ChartStyle.WithTitle(chart, Title, subtitle);
    }

    /// <summary>The panel title of a configuration: <c>8x4</c> becomes <c>8×4 VAE</c>.</summary>
    internal static string PanelTitle(string config) => ConfigTimes().Replace(config, "$1×$2") + " VAE";

    [GeneratedRegex(@"(\d)\s*[xX]\s*(\d)", RegexOptions.CultureInvariant)]
    private static partial Regex ConfigTimes();
}

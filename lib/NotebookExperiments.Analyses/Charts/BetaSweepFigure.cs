using System.Text.RegularExpressions;
using Microsoft.Data.Analysis;
using NotebookExperiments.Published;
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

    /// <summary>The legend entry of the published points: <c>published (Wang &amp; Bui, 5 seeds, 50 epochs)</c>, from the data.</summary>
    public static string PublishedSeriesName =>
        $"published ({PublishedResults.Authors}, {PublishedResults.BetaSweep[0].TrainElbo.Seeds} seeds, {PublishedResults.BetaSweep[0].Epochs} epochs)";

    /// <summary>The marker of the published points.</summary>
    public static StyleParam.MarkerSymbol PublishedSymbol => StyleParam.MarkerSymbol.Diamond;

    /// <summary>Panels per row; more configurations wrap onto further rows.</summary>
    public const int PanelsPerRow = 3;

    /// <summary>The columns <see cref="Create"/> reads.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["config", "beta", "runs", "mean_train_elbo", "sd_train_elbo", "diverged_runs"];

    /// <summary>
    /// Builds the figure. One panel per configuration, in the order the configurations first appear; in each, the mean
    /// final train −ELBO against β (sorted by β) with markers, a band of ±1 sd where the sd is known (it is NaN for a single
    /// run), and a dotted line at β = ½. Points whose mean is NaN or infinite (every run diverged) are not drawn; a footnote
    /// lists them by configuration and β. The hover box of each point gives β, mean ± sd, and the numbers of runs and diverged runs.
    /// With <paramref name="published"/>, the published sweep (<see cref="PublishedResults.BetaSweep"/>, 8×4 only) is drawn on the
    /// 8×4 panel whenever there is one, as dark diamonds with bars of ± 1 standard error (none where the source gives none), and the
    /// footnote says whether our run is at the published protocol and may be compared with them.
    /// </summary>
    /// <param name="summary">One row per (configuration, β): <c>config</c> (text, e.g. <c>8x4</c>), <c>beta</c>,
    /// <c>runs</c>, <c>mean_train_elbo</c> (nats), <c>sd_train_elbo</c> (NaN when <c>runs</c> = 1), <c>diverged_runs</c>.</param>
    /// <param name="subtitle">The second title line, e.g. the preset the numbers come from.</param>
    /// <param name="published">Draw the published points, saying whether our run is comparable with them
    /// (<see cref="PublishedOverlay.For(NotebookExperiments.Analyses.BetaSweepParameters)"/>); null draws ours alone.</param>
    /// <exception cref="ArgumentException">A column is missing or holds the wrong kind of value, or the frame is empty.</exception>
    public static GenericChart Create(DataFrame summary, string subtitle, PublishedOverlay? published = null)
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
            var ours = ChartTraces.MeanWithBand(
                drawn.Select(i => beta[i]).ToArray(), drawn.Select(i => mean[i]).ToArray(), drawn.Select(i => sd[i]).ToArray(),
                style, hover);
            IReadOnlyList<PublishedBetaPoint> publishedPoints = published is null ? [] : PublishedPoints(configOrder[p]);
            panels.Add(publishedPoints.Count == 0 ? ours : Plotly.NET.CSharp.Chart.Combine([ours, PublishedTrace(configOrder[p], publishedPoints)]));
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
        // The published points come with a footnote whose lines need the width of a footnote line.
        chart = ChartStyle.WithStandardLayout(chart, width: Math.Max(published is null ? 560 : FootnoteWidth, 120 + 360 * columnsUsed),
            height: 220 + 330 * rowsUsed, LegendPlacement.Below);
        var skipped = configOrder.Select((config, p) => (config, p)).Where(c => skippedByPanel[c.p].Count > 0)
            .Select(c => $"{PanelTitle(c.config)} at β = {string.Join(", ", skippedByPanel[c.p].Select(PlotText.Number))}").ToList();
        var notes = new List<string>();
        if (skipped.Count > 0) notes.Add("Not drawn (every run diverged, no finite mean): " + string.Join("; ", skipped));
        if (published is not null) notes.Add(PublishedNote(published, configOrder.Any(c => PublishedPoints(c).Count > 0)));
        if (notes.Count > 0) chart = ChartStyle.WithFootnote(chart, string.Join("\n", notes));
        return ChartStyle.WithTitle(chart, Title, subtitle);
    }

    /// <summary>The narrowest figure with a footnote about the published points: wide enough for a footnote line
    /// (<see cref="ChartStyle.FootnoteLineLength"/> characters).</summary>
    private const int FootnoteWidth = 960;

    /// <summary>The published points of a configuration, by increasing β (none but for 8×4).</summary>
    private static IReadOnlyList<PublishedBetaPoint> PublishedPoints(string config) =>
        PublishedResults.BetaSweep.Where(q => SameConfiguration(q.Configuration, config)).OrderBy(q => q.Beta).ToList();

    private static GenericChart PublishedTrace(string config, IReadOnlyList<PublishedBetaPoint> points)
    {
        var hover = points.Select(q =>
            $"published ({PlotText.Escape(PublishedResults.Authors)}), {PlotText.Escape(PanelTitle(config))}, β = {PlotText.Number(q.Beta)}<br>" +
            (q.TrainElbo.HasStandardError
                ? $"train −ELBO {PlotText.TwoDecimals(q.TrainElbo.Mean)} ± {PlotText.TwoDecimals(q.TrainElbo.StandardError)} nats (± 1 s.e.)<br>"
                : $"train −ELBO {PlotText.TwoDecimals(q.TrainElbo.Mean)} nats (no standard error given)<br>") +
            $"{PlotText.Count(q.TrainElbo.Seeds)} seeds, {PlotText.Count(q.Epochs)} epochs").ToArray();
        return ChartTraces.Markers(points.Select(q => q.Beta).ToArray(), points.Select(q => q.TrainElbo.Mean).ToArray(),
            new SeriesStyle(PublishedSeriesName, PublishedOverlay.Color), PublishedSymbol, size: 8, hover,
            errors: points.Select(q => q.TrainElbo.StandardError).ToArray());
    }

    private static string PublishedNote(PublishedOverlay published, bool drawn)
    {
        if (!drawn) return $"The published sweep ({PublishedResults.Authors}) is of 8×4 only and this figure has no 8×4 panel: not drawn.";
        var points = PublishedResults.BetaSweep;
        var withoutError = points.Where(q => !q.TrainElbo.HasStandardError).ToList();
        return $"Diamonds: {PublishedResults.Source}, mean over {PlotText.Count(points[0].TrainElbo.Seeds)} seeds after " +
               $"{PlotText.Count(points[0].Epochs)} epochs, with bars of ± 1 standard error (our band is ± 1 sd)" +
               (withoutError.Count == 0 ? ". "
                   : $"; for β ≤ {PlotText.Number(withoutError.Max(q => q.Beta))} the source gives " +
                     $"{string.Join(", ", withoutError.Select(q => PlotText.TwoDecimals(q.TrainElbo.Mean)).Distinct())} with no standard error (no bar). ") +
               published.ComparabilityNote();
    }

    private static bool SameConfiguration(string a, string b) =>
        string.Equals(a.Replace(" ", "", StringComparison.Ordinal), b.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

    /// <summary>The panel title of a configuration: <c>8x4</c> becomes <c>8×4 VAE</c>.</summary>
    internal static string PanelTitle(string config) => ConfigTimes().Replace(config, "$1×$2") + " VAE";

    [GeneratedRegex(@"(\d)\s*[xX]\s*(\d)", RegexOptions.CultureInvariant)]
    private static partial Regex ConfigTimes();
}

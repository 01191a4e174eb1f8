using System.Text.RegularExpressions;
using Microsoft.Data.Analysis;
using NotebookExperiments.Charts;
using NotebookExperiments.Published;
using NotebookExperiments.Statistics;
using Plotly.NET;

namespace NotebookExperiments.Analyses;

/// <summary>
/// Beyond ReinMax, Figure 2: the train −ELBO reached by ReinMax-RK2(β) as a function of β, one panel per VAE configuration,
/// with the mean over seeds, a band of ± 1 standard error (the measure of the published bars) and a marker at β = ½ (plain
/// ReinMax).
/// </summary>
public static partial class BetaSweepFigure
{
    /// <summary>The figure title.</summary>
    public const string Title = "ReinMax-RK2(β): train −ELBO after training (Beyond ReinMax, Fig. 2)";

    /// <summary>The β at which ReinMax-RK2(β) is ReinMax, marked in every panel.</summary>
    public const double ReinMaxBeta = 0.5;

    /// <summary>The label of the β = ½ marker.</summary>
    public const string ReinMaxMarkerLabel = "ReinMax (β = ½)";

    /// <summary>The legend entry of the mean lines: <c>ours: mean of 5 seeds</c> (the largest number of runs of a point).</summary>
    public static string MeanSeriesName(int seeds) => $"ours: mean of {PlotText.Count(seeds)} seeds";

    /// <summary>The legend entry of the bands around the mean lines.</summary>
    public const string BandSeriesName = "ours: ± 1 standard error (sd/√n over seeds)";

    private const string BandGroup = "band";

    /// <summary>The legend entry of the lines when no β has a known spread (one run each, as in a quick preset).</summary>
    public const string SingleRunSeriesName = "ours: one seed per β (no error bar)";

    /// <summary>
    /// The legend entry of the published points: <c>published (Wang &amp; Bui, 5 seeds, 50 epochs): mean ± 1 standard error</c>,
    /// from the data.
    /// </summary>
    public static string PublishedSeriesName =>
        $"published ({PublishedResults.Authors}, {PublishedResults.BetaSweep[0].TrainElbo.Seeds} seeds, {PublishedResults.BetaSweep[0].Epochs} epochs): mean ± 1 standard error";

    /// <summary>The marker of the published points.</summary>
    public static StyleParam.MarkerSymbol PublishedSymbol => StyleParam.MarkerSymbol.Diamond;

    /// <summary>Panels per row; more configurations wrap onto further rows.</summary>
    public const int PanelsPerRow = 3;

    /// <summary>The columns <see cref="Create"/> reads.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } = [Columns.Config, Columns.Beta, Columns.Runs, Columns.MeanTrainElbo, Columns.SdTrainElbo, Columns.DivergedRuns];

    /// <summary>
    /// How far (as a share of our span) published points may lie beyond our range on the y axis and still be drawn on our panel;
    /// beyond that they get a panel of their own, so that they never stretch our axis.
    /// </summary>
    public const double PublishedOverlayMargin = 0.1;

    /// <summary>
    /// Builds the figure. One panel per configuration, in the order the configurations first appear; in each, the mean
    /// final train −ELBO against β (sorted by β) with markers, a band of ± 1 standard error (sd/√n over the n runs that did not
    /// diverge; none for a single run), and a dotted line at β = ½. Points whose mean is NaN or infinite (every run diverged) are
    /// not drawn; a footnote lists them by configuration and β. The hover box of each point gives β, mean ± s.e. and sd, and the
    /// numbers of runs and diverged runs. A line under the title says how many seeds the points rest on and what that lets a
    /// reader tell from noise.
    /// With <paramref name="published"/>, the published sweep (<see cref="PublishedResults.BetaSweep"/>, 8×4 only) is drawn for the
    /// 8×4 configuration as dark diamonds with bars of ± 1 standard error (none where the source gives none): on our 8×4 panel
    /// when its values lie within our range (widened by <see cref="PublishedOverlayMargin"/>), otherwise in a panel of its own
    /// beside ours, so that it never stretches our axis; the footnote says whether our run is at the published protocol.
    /// </summary>
    /// <param name="summary">One row per (configuration, β): <c>config</c> (text, e.g. <c>8x4</c>), <c>beta</c>,
    /// <c>runs</c>, <c>mean_train_elbo</c> (nats), <c>sd_train_elbo</c> (NaN when <c>runs</c> = 1), <c>diverged_runs</c>.</param>
    /// <param name="subtitle">The second title line, e.g. the preset the numbers come from.</param>
    /// <param name="published">Draw the published points, saying whether our run is comparable with them
    /// (<see cref="PublishedOverlay.For(NotebookExperiments.Analyses.BetaSweepParameters)"/>); null draws ours alone.</param>
    /// <exception cref="ArgumentException">A column is missing or holds the wrong kind of value, or the frame is empty.</exception>
    public static GenericChart Create(DataFrame summary, string subtitle, PublishedOverlay? published = null)
    {
        var columns = new FrameColumns(summary, "The β-sweep figure", nameof(summary), [.. ColumnNames]);
        if (columns.RowCount == 0) throw new ArgumentException("The β-sweep summary has no rows.", nameof(summary));
        var configs = columns.Strings(Columns.Config);
        var beta = columns.Doubles(Columns.Beta);
        var runs = columns.Integers(Columns.Runs);
        var mean = columns.Doubles(Columns.MeanTrainElbo);
        var sd = columns.Doubles(Columns.SdTrainElbo);
        var diverged = columns.Integers(Columns.DivergedRuns);
        // The runs a mean rests on: those that did not diverge.
        var counted = runs.Select((r, i) => Math.Max(0, r - diverged[i])).ToArray();
        var standardError = sd.Select((v, i) => double.IsFinite(v) ? new SampleStatistics((int)counted[i], double.NaN, v).StandardError : double.NaN).ToArray();

        var configOrder = configs.Distinct().ToList();
        var color = EstimatorPalette.ColorOf("ReinMax-RK2(β)");
        bool anyBand = standardError.Any(double.IsFinite);
        int maxSeeds = (int)counted.DefaultIfEmpty(0).Max();
        var seriesName = anyBand ? MeanSeriesName(maxSeeds) : SingleRunSeriesName;
        var panels = new List<(GenericChart Chart, string Title)>();
        var skipped = new List<string>();
        bool publishedDrawn = false, publishedApart = false;
        for (int p = 0; p < configOrder.Count; p++)
        {
            var rows = Enumerable.Range(0, configs.Length).Where(i => configs[i] == configOrder[p]).OrderBy(i => beta[i]).ToArray();
            var drawn = rows.Where(i => double.IsFinite(mean[i]) && double.IsFinite(beta[i])).ToArray();
            var left = rows.Where(i => !drawn.Contains(i)).Select(i => beta[i]).ToArray();
            if (left.Length > 0) skipped.Add($"{PanelTitle(configOrder[p])} at β = {string.Join(", ", left.Select(PlotText.Number))}");
            var style = new SeriesStyle(seriesName, color, LegendGroup: "mean", ShowLegend: p == 0);
            var hover = drawn.Select(i =>
                $"{PlotText.Escape(PanelTitle(configOrder[p]))}, β = {PlotText.Number(beta[i])}<br>" +
                (double.IsFinite(standardError[i])
                    ? $"train −ELBO {PlotText.Number(mean[i])} ± {PlotText.Number(standardError[i])} nats (± 1 s.e.; sd {PlotText.Number(sd[i])})<br>"
                    : $"train −ELBO {PlotText.Number(mean[i])} nats ({(counted[i] == 1 ? "one run: no spread" : "spread unknown")})<br>") +
                $"{PlotText.Count(runs[i])} runs, {PlotText.Count(diverged[i])} diverged").ToArray();
            var x = drawn.Select(i => beta[i]).ToArray();
            var y = drawn.Select(i => mean[i]).ToArray();
            var se = drawn.Select(i => standardError[i]).ToArray();
            // The band joins the group of its legend key; the mean line carries the series' entry.
            var ours = new List<GenericChart>(ChartTraces.Band(x, y.Select((m, k) => m - se[k]).ToArray(), y.Select((m, k) => m + se[k]).ToArray(),
                style with { Name = BandSeriesName, LegendGroup = BandGroup, ShowLegend = false }))
            {
                ChartTraces.Line(x, y, style, hover),
            };
            IReadOnlyList<PublishedBetaPoint> publishedPoints = published is null ? [] : PublishedPoints(configOrder[p]);
            bool overlay = publishedPoints.Count > 0
                && PublishedOverlay.WithinRange(publishedPoints.Select(q => q.TrainElbo.Mean), y, PublishedOverlayMargin);
            if (overlay) ours.Add(PublishedTrace(configOrder[p], publishedPoints));
            panels.Add((Plotly.NET.CSharp.Chart.Combine(ours), PanelTitle(configOrder[p]) + (overlay ? ", ours and published" : "")));
            if (publishedPoints.Count > 0 && !overlay)
            {
                panels.Add((PublishedTrace(configOrder[p], publishedPoints),
                    $"{PanelTitle(configOrder[p])}, published ({PublishedResults.Authors}, {PlotText.Count(publishedPoints[0].Epochs)} epochs)"));
                publishedApart = true;
            }
            publishedDrawn |= publishedPoints.Count > 0;
        }

        var chart = ChartStyle.Grid(panels.Select(p => p.Chart).ToList(), PanelsPerRow, panels.Select(p => p.Title).ToArray());
        for (int panel = 1; panel <= panels.Count; panel++)
        {
            chart = ChartStyle.WithXAxis(chart, "β (first-stage weight)", AxisScale.Linear, panel);
            chart = ChartStyle.WithYAxis(chart, "train −ELBO (nats)", AxisScale.Linear, panel);
            chart = ChartStyle.WithVerticalMarker(chart, ReinMaxBeta, ReinMaxMarkerLabel, panel);
        }
        if (anyBand)
            chart = Plotly.NET.CSharp.Chart.Combine([chart, ChartTraces.LegendKey(BandSeriesName, LegendKeyKind.Band, color: color, group: BandGroup)]);

        chart = ChartStyle.WithStandardLayout(chart, plotHeight: ChartStyle.GridHeight(panels.Count, PanelsPerRow, 300, 110), LegendPlacement.Below);
        var notes = new List<string>();
        if (skipped.Count > 0) notes.Add("Not drawn (every run diverged, no finite mean): " + string.Join("; ", skipped));
        if (published is not null) notes.Add(PublishedNote(published, publishedDrawn, publishedApart));
        if (notes.Count > 0) chart = ChartStyle.WithFootnote(chart, string.Join("\n", notes));
        return ChartStyle.WithTitle(chart, Title, subtitle, NoiseStatement(anyBand, maxSeeds));
    }

    /// <summary>The line under the title on noise: how many seeds each point rests on and what that lets a reader tell apart.</summary>
    internal static string NoiseStatement(bool anyBand, int seeds) => anyBand
        ? $"Mean of up to {PlotText.Count(seeds)} seeds; bands ± 1 standard error, as the published bars: two β whose bands overlap are not told apart by these seeds."
        : $"One seed per β: the noise between seeds is not measured, so differences of a few nats between neighbouring β may be noise " +
          $"(--preset paper runs {PlotText.Count(NotebookExperiments.Analyses.BetaSweepParameters.Paper.Seeds.Count)} seeds).";

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

    private static string PublishedNote(PublishedOverlay published, bool drawn, bool apart)
    {
        if (!drawn) return $"The published sweep ({PublishedResults.Authors}) is of 8×4 only and this figure has no 8×4 panel: not drawn.";
        var points = PublishedResults.BetaSweep;
        var withoutError = points.Where(q => !q.TrainElbo.HasStandardError).ToList();
        return $"Diamonds: {PublishedResults.Source}, mean over {PlotText.Count(points[0].TrainElbo.Seeds)} seeds after " +
               $"{PlotText.Count(points[0].Epochs)} epochs, with bars of ± 1 standard error" +
               (withoutError.Count == 0 ? ". "
                   : $"; for β ≤ {PlotText.Number(withoutError.Max(q => q.Beta))} the source gives " +
                     $"{string.Join(", ", withoutError.Select(q => PlotText.TwoDecimals(q.TrainElbo.Mean)).Distinct())} with no standard error (no bar). ") +
               (apart ? "They lie outside our range, so they have a panel of their own. " : "") +
               published.ComparabilityNote();
    }

    private static bool SameConfiguration(string a, string b) =>
        string.Equals(a.Replace(" ", "", StringComparison.Ordinal), b.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

    /// <summary>The panel title of a configuration: <c>8x4</c> becomes <c>8×4 VAE</c>.</summary>
    internal static string PanelTitle(string config) => ConfigTimes().Replace(config, "$1×$2") + " VAE";

    [GeneratedRegex(@"(\d)\s*[xX]\s*(\d)", RegexOptions.CultureInvariant)]
    private static partial Regex ConfigTimes();
}

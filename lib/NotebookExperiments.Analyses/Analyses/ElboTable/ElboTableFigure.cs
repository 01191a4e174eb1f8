using Microsoft.Data.Analysis;
using NotebookExperiments.Charts;
using NotebookExperiments.Statistics;
using Plotly.NET;

namespace NotebookExperiments.Analyses;

/// <summary>
/// The learning curves behind the −ELBO table (the ReinMax paper's Table 3 protocol, as re-run by Beyond ReinMax's authors): train −ELBO per epoch, one panel per
/// VAE configuration, one line per estimator (mean over seeds) with a ± 1 standard-error band.
/// </summary>
public static class ElboTableFigure
{
    /// <summary>The figure title.</summary>
    public const string Title = "Train −ELBO per epoch behind the −ELBO table";

    /// <summary>Panels per row; more configurations wrap onto further rows.</summary>
    public const int PanelsPerRow = 3;

    /// <summary>The columns <see cref="LearningCurves"/> reads.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } = [Columns.Config, Columns.Estimator, Columns.Seed, Columns.Epoch, Columns.TrainElbo];

    /// <summary>
    /// Builds the figure. One panel per configuration in the order they first appear; in each, one line per estimator (named and
    /// coloured by <see cref="EstimatorPalette"/>, one legend entry for all panels): the mean over seeds of the train −ELBO of each
    /// epoch, with a band of ± 1 standard error (sd/√n; none for one seed). A non-finite value (a diverged run) is left out of the
    /// mean from that epoch on and the run is listed in a footnote. With more than ten epochs the y axis starts a little below the
    /// lowest mean and is cut at the highest mean of the epoch a tenth of the way in, so that the final differences are visible;
    /// the footnote says so.
    /// </summary>
    /// <param name="curves">One row per run and epoch: <c>config</c>, <c>estimator</c> (row name), <c>seed</c>, <c>epoch</c>,
    /// <c>train_elbo</c> (<see cref="Analyses.ElboTableResult.Curves"/>).</param>
    /// <param name="subtitle">The second title line, e.g. the parameters the curves come from.</param>
    /// <exception cref="ArgumentException">A column is missing or holds the wrong kind of value, or the frame is empty.</exception>
    public static GenericChart LearningCurves(DataFrame curves, string subtitle)
    {
        var columns = new FrameColumns(curves, "The learning-curve figure", nameof(curves), [.. ColumnNames]);
        if (columns.RowCount == 0) throw new ArgumentException("The learning-curve frame has no rows.", nameof(curves));
        var config = columns.Strings(Columns.Config);
        var estimator = columns.Strings(Columns.Estimator);
        var seed = columns.Integers(Columns.Seed);
        var epoch = columns.Integers(Columns.Epoch);
        var loss = columns.Doubles(Columns.TrainElbo);

        var configs = config.Distinct().ToList();
        var estimators = estimator.Distinct().ToList();
        var panels = new List<GenericChart>();
        var diverged = new List<string>();
        var ranges = new List<(double Low, double High)?>();
        var apartNotes = new List<IReadOnlyList<(string, string)>>();
        int maxSeeds = 0, maxEpoch = (int)epoch.Max();
        bool anyBand = false;
        var named = new HashSet<string>();
        for (int p = 0; p < configs.Count; p++)
        {
            var curvesOfPanel = new List<(string Estimator, (double Epoch, SampleStatistics Summary)[] Points)>();
            foreach (var e in estimators)
            {
                var rows = Enumerable.Range(0, columns.RowCount).Where(i => config[i] == configs[p] && estimator[i] == e).ToArray();
                if (rows.Length == 0) continue;
                // A run contributes until its first non-finite epoch.
                var stop = rows.GroupBy(i => seed[i]).ToDictionary(g => g.Key,
                    g => g.Where(i => !double.IsFinite(loss[i])).Select(i => epoch[i]).DefaultIfEmpty(long.MaxValue).Min());
                foreach (var (s, at) in stop.Where(x => x.Value != long.MaxValue))
                    diverged.Add($"{BetaSweepFigure.PanelTitle(configs[p])} {e} seed {s} at epoch {at}");
                maxSeeds = Math.Max(maxSeeds, stop.Count);
                curvesOfPanel.Add((e, rows.Where(i => epoch[i] < stop[seed[i]]).GroupBy(i => epoch[i]).OrderBy(g => g.Key)
                    .Select(g => (Epoch: (double)g.Key, Summary: SampleStatistics.Of(g.Select(i => loss[i]).ToList()))).ToArray()));
            }
            // A curve far apart from the others (a single epoch where one estimator is already far ahead) is named in a note.
            var apart = AxisOutliers.Find(curvesOfPanel.ToDictionary(c => c.Estimator, c => (IReadOnlyList<double>)c.Points.Select(x => x.Summary.Mean).ToList()), AxisScale.Linear,
                curvesOfPanel.Where(c => c.Points.Length >= 2).Select(c => c.Estimator).ToList());
            var others = curvesOfPanel.Where(c => !apart.Contains(c.Estimator)).SelectMany(c => c.Points.Select(x => x.Summary.Mean)).ToList();
            apartNotes.Add(curvesOfPanel.Where(c => apart.Contains(c.Estimator)).Select(c => AxisOutliers.Note(c.Estimator,
                string.Join(", ", c.Points.Select(x => $"{PlotText.Significant(x.Summary.Mean, 4)} at epoch {PlotText.Number(x.Epoch)}")),
                c.Points.Select(x => x.Summary.Mean), others, EstimatorPalette.ColorOf(c.Estimator))).ToList());
            var traces = new List<GenericChart>();
            var means = new List<(double Epoch, double Mean)>();
            foreach (var (e, points) in curvesOfPanel.Where(c => !apart.Contains(c.Estimator)))
            {
                means.AddRange(points.Select(x => (x.Epoch, x.Summary.Mean)));
                var style = SeriesStyle.ForEstimator(e) with { ShowLegend = named.Add(e) };
                var hover = points.Select(x =>
                    $"{PlotText.Escape(e)}, {PlotText.Escape(BetaSweepFigure.PanelTitle(configs[p]))}, epoch {PlotText.Number(x.Epoch)}<br>" +
                    (x.Summary.Count > 1
                        ? $"train −ELBO {PlotText.Number(x.Summary.Mean)} ± {PlotText.Number(x.Summary.StandardError)} nats (± 1 s.e., {x.Summary.Count} seeds)"
                        : $"train −ELBO {PlotText.Number(x.Summary.Mean)} nats (one seed)")).ToArray();
                traces.Add(ChartTraces.MeanWithBand(points.Select(x => x.Epoch).ToArray(), points.Select(x => x.Summary.Mean).ToArray(),
                    points.Select(x => x.Summary.StandardError).ToArray(), style, hover));
                anyBand |= points.Any(x => double.IsFinite(x.Summary.StandardError));
            }
            panels.Add(Plotly.NET.CSharp.Chart.Combine(traces));
            ranges.Add(Range(means, maxEpoch));
        }

        var chart = ChartStyle.Grid(panels, PanelsPerRow, configs.Select(BetaSweepFigure.PanelTitle).ToArray());
        var allEpochs = epoch.Select(e => (double)e).ToList();
        for (int panel = 1; panel <= panels.Count; panel++)
        {
            chart = ChartStyle.WithXAxis(chart, "epoch", AxisScale.Linear, panel);
            chart = ChartStyle.WithWholeNumberTicks(chart, allEpochs, panel);
            chart = ChartStyle.WithYAxis(chart, "train −ELBO (nats)", AxisScale.Linear, panel);
            if (ranges[panel - 1] is { } range)
                chart = PlotlyProperties.MapAxis(chart, ChartStyle.AxisProperty('y', panel),
                    axis => axis.SetProperty("range", new[] { range.Low, range.High }));
            chart = ChartStyle.WithPanelNote(chart, apartNotes[panel - 1], panel);
        }
        if (anyBand) chart = Plotly.NET.CSharp.Chart.Combine([chart, ChartTraces.LegendKey($"± 1 standard error over {PlotText.Count(maxSeeds)} seeds", LegendKeyKind.Band)]);
        chart = ChartStyle.WithStandardLayout(chart, plotHeight: ChartStyle.GridHeight(panels.Count, PanelsPerRow, 280, 100), LegendPlacement.Below);
        var notes = new List<string>
        {
            maxSeeds > 1
                ? $"Lines: mean over seeds (up to {PlotText.Count(maxSeeds)}); bands: ± 1 standard error over seeds (sd/√n)."
                : "One seed: a single run per line, no band.",
        };
        if (ranges.Any(r => r is not null))
            notes.Add($"The y axes are cut at the highest mean of epoch {CutEpoch(maxEpoch)}, so that the final differences show; earlier epochs lie above (hover for values).");
        if (diverged.Count > 0) notes.Add("Diverged (left out from that epoch on): " + string.Join("; ", diverged));
        notes.AddRange(EstimatorNotes.For(estimators));
        chart = ChartStyle.WithFootnote(chart, string.Join("\n", notes));
        return ChartStyle.WithTitle(chart, Title, subtitle, NoiseStatement(maxSeeds));
    }

    /// <summary>The line under the title on noise: the seeds per curve, and what they let a reader tell apart.</summary>
    internal static string NoiseStatement(int seeds) => seeds > 1
        ? $"Mean of up to {PlotText.Count(seeds)} seeds ± 1 standard error (bands): curves whose bands overlap are not told apart by these seeds."
        : "One seed per curve: the noise between seeds is not measured, so small differences between curves may be noise.";

    private static int CutEpoch(int maxEpoch) => Math.Max(2, (int)Math.Ceiling(maxEpoch / 10.0));

    private static (double, double)? Range(IReadOnlyList<(double Epoch, double Mean)> means, int maxEpoch)
    {
        if (maxEpoch <= 10 || means.Count == 0) return null;
        int cut = CutEpoch(maxEpoch);
        double low = means.Min(m => m.Mean);
        var atCut = means.Where(m => m.Epoch == cut).Select(m => m.Mean).ToList();
        if (atCut.Count == 0) return null;
        double high = atCut.Max();
        double margin = 0.03 * Math.Max(high - low, 1e-9);
        return (low - margin, high + margin);
    }
}

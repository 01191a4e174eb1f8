using System.Globalization;
using Microsoft.Data.Analysis;
using NotebookExperiments.Published;
using NotebookExperiments.Statistics;

namespace NotebookExperiments.Analyses;

/// <summary>
/// The β sweep point by point beside the published sweep (Beyond ReinMax, Fig. 2; <see cref="PublishedResults.BetaSweep"/>), with a
/// verdict per point (<see cref="PublishedComparison"/>): what the β sweep writes as <c>comparison.csv</c> and the report shows.
/// </summary>
/// <remarks>
/// Fig. 2 draws 8×4, 8×16 and 4×24, but only 8×4's numbers are in the authors' result files: a point of 8×16 or 4×24 is "not
/// published" and says so. On 8×4 the source gives a standard error for β ≥ 0.5; below, the collapse level 214.41 comes without one
/// (its standard error is below the rounding of the mean), so those points are tested with the one-sample t test on ours.
/// </remarks>
public static class BetaSweepComparison
{
    /// <summary>The configurations Fig. 2 draws; only <c>8x4</c> has numbers.</summary>
    public static IReadOnlyList<string> FigureConfigurations { get; } = ["8x4", "8x16", "4x24"];

    /// <summary>
    /// One row per row of <paramref name="summary"/> (<see cref="BetaSweep.Summarise"/>): <c>config</c>, <c>beta</c>, <c>runs</c> (the
    /// finite runs the mean is over), <c>diverged_runs</c>, <c>mean_train_elbo</c>, <c>se_train_elbo</c> (sd/√runs; NaN for fewer than
    /// two), then the published number, the test and the verdict (<c>published_mean</c>, <c>published_se</c>, <c>published_seeds</c>,
    /// <c>t</c>, <c>df</c>, <c>p</c>, <c>verdict</c>, <c>detail</c>, <c>source</c>).
    /// </summary>
    /// <param name="summary">The sweep's summary.</param>
    /// <param name="parameters">The parameters it was run with (<see cref="Comparability.OfBetaSweep"/>).</param>
    public static DataFrame Of(DataFrame summary, BetaSweepParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(parameters);
        int n = (int)summary.Rows.Count;
        var rows = Enumerable.Range(0, n).Select(i => (
            Config: (string)summary[Columns.Config][i], Beta: (double)summary[Columns.Beta][i], Runs: (int)summary[Columns.Runs][i],
            Diverged: (int)summary[Columns.DivergedRuns][i], Mean: (double)summary[Columns.MeanTrainElbo][i], Sd: (double)summary[Columns.SdTrainElbo][i])).ToList();
        var protocols = rows.Select(r => r.Config).Distinct().ToDictionary(c => c, c => Comparability.OfBetaSweep(parameters, c));
        var published = rows.Select(r => Point(r.Config, r.Beta)?.TrainElbo).ToList();
        var verdicts = rows.Select((r, i) => PublishedComparison.Compare(
            new OurMean(r.Mean, new SampleStatistics(r.Runs, r.Mean, r.Sd).StandardError, r.Runs, r.Diverged),
            published[i], protocols[r.Config], NotPublished(r.Config, r.Beta))).ToList();
        return new DataFrame([
            new StringDataFrameColumn(Columns.Config, rows.Select(r => r.Config)),
            new DoubleDataFrameColumn(Columns.Beta, rows.Select(r => r.Beta)),
            new Int32DataFrameColumn(Columns.Runs, rows.Select(r => r.Runs)),
            new Int32DataFrameColumn(Columns.DivergedRuns, rows.Select(r => r.Diverged)),
            new DoubleDataFrameColumn(Columns.MeanTrainElbo, rows.Select(r => r.Mean)),
            new DoubleDataFrameColumn(Columns.SeTrainElbo, rows.Select(r => new SampleStatistics(r.Runs, r.Mean, r.Sd).StandardError)),
            .. ComparisonColumns.Of(published, verdicts)]);
    }

    /// <summary>The published point of <paramref name="configuration"/> at <paramref name="beta"/> (β compared to 1e-9), or null.</summary>
    public static PublishedBetaPoint? Point(string configuration, double beta) =>
        PublishedResults.BetaSweep.FirstOrDefault(p => Same(p.Configuration, configuration) && Math.Abs(p.Beta - beta) < 1e-9);

    private static string NotPublished(string configuration, double beta)
    {
        if (PublishedResults.BetaSweep.Any(p => Same(p.Configuration, configuration)))
            return $"no published point at β = {beta.ToString("R", CultureInfo.InvariantCulture)}";
        return FigureConfigurations.Any(c => Same(c, configuration))
            ? $"Fig. 2 draws {configuration.Replace('x', '×')}, but its numbers are not in the authors' result files"
            : $"Fig. 2 has no {configuration.Replace('x', '×')} sweep";
    }

    private static bool Same(string a, string b) =>
        string.Equals(a.Replace(" ", "", StringComparison.Ordinal), b.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
}

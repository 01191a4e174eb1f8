using System.Globalization;
using Microsoft.Data.Analysis;
using NotebookExperiments.Charts;
using NotebookExperiments.Estimators;
using NotebookExperiments.Gradients;
using NotebookExperiments.Reports;
using NotebookExperiments.Statistics;
using static TorchSharp.torch;

namespace NotebookExperiments.Analyses;

/// <summary>
/// Bias and variance of estimators over training (Beyond ReinMax, Fig. 1): a model is trained and checkpointed with each seed; at
/// each checkpoint, on a batch drawn among the first batches of the seed's data order, N estimates of the encoder-logit
/// gradient from every estimator are compared with the exact gradient (bias: cosine similarity of the mean estimate;
/// variance: relative standard deviation); <see cref="Summarise"/> then gives the mean and standard error over seeds. One
/// <see cref="GradientJob"/> per seed; it writes <c>statistics.csv</c>, <c>summary.csv</c>, <c>comparison.csv</c> (each cosine beside
/// the published one, <see cref="CosineComparison"/>) and <c>figure.html</c>.
/// </summary>
public sealed class BiasVarianceStudy() : Analysis<BiasVarianceParameters, BiasVarianceResult>("bias-variance",
    "Bias (cosine with the exact gradient) and variance of estimators over training checkpoints (Beyond ReinMax, Fig. 1).")
{
    /// <inheritdoc />
    protected override BiasVarianceParameters Canonical(BiasVarianceParameters parameters)
    {
        var catalog = EstimatorCatalog.Default;
        return parameters with
        {
            Estimators = parameters.Estimators.Select(s => catalog.Create(s).Spec).ToList(),
            Training = parameters.Training with { Estimator = catalog.Create(parameters.Training.Estimator).Spec },
        };
    }

    /// <inheritdoc />
    public override IReadOnlyList<AnalysisJob> Jobs(BiasVarianceParameters parameters, long trainImages)
    {
        var catalog = EstimatorCatalog.Default;
        return parameters.Seeds.Select((seed, index) =>
        {
            var training = parameters.Training with { Seed = seed };
            var units = (from epoch in parameters.CheckpointEpochs
                         from spec in parameters.Estimators
                         let batch = BiasVarianceStudy.BatchIndex(parameters, seed, epoch)
                         let key = UnitKey.Of(FormattableString.Invariant($"seed={seed}|epoch={epoch}|{spec}"), new
                         {
                             training = training.KeyOf(trainImages),
                             epoch,
                             batch = new { size = parameters.BatchSize, pool = parameters.BatchPool, index = batch },
                             estimator = catalog.IdentityOf(spec),
                             samples = parameters.Samples,
                             generator_seed = BiasVarianceStudy.SeedOf(parameters.Seed, epoch, spec, seed),
                             statistics_revision = parameters.StatisticsRevision,
                         })
                         select new GradientUnit(key, epoch, spec, BiasVarianceStudy.SeedOf(parameters.Seed, epoch, spec, seed),
                             (statistics, seconds) => new BiasVarianceUnit(seed, epoch, batch, spec, catalog.TitleOf(spec), statistics, seconds))).ToList();
            return (AnalysisJob)new GradientJob(FormattableString.Invariant($"seed={seed}"),
                FormattableString.Invariant($"seed {seed} ({index + 1} of {parameters.Seeds.Count})"), training, parameters.CheckpointEpochs, units,
                parameters.Samples, (trainer, epoch, environment) => training.CheckpointBatch(trainer, environment.Data, parameters.BatchSize,
                    BiasVarianceStudy.BatchIndex(parameters, seed, epoch), environment.Device), trainImages);
        }).ToList();
    }

    /// <inheritdoc />
    protected internal override BiasVarianceResult Collect(BiasVarianceParameters parameters, ResultStore store, long trainImages)
    {
        var rows = Jobs(parameters, trainImages).SelectMany(j => j.Units).Where(store.Contains).Select(store.Get<BiasVarianceUnit>).ToList();
        var frame = new DataFrame([
            new Int64DataFrameColumn(Columns.Seed, rows.Select(r => r.Seed)),
            new Int32DataFrameColumn(Columns.Epoch, rows.Select(r => r.Epoch)),
            new Int32DataFrameColumn(Columns.Batch, rows.Select(r => r.Batch)),
            new StringDataFrameColumn(Columns.Estimator, rows.Select(r => r.Estimator)),
            new StringDataFrameColumn(Columns.Title, rows.Select(r => r.Title)),
            .. GradientStatisticsTable.Of(rows.Select(r => r.Statistics).ToList(), Columns.Cosine, Columns.RelativeStd, Columns.AllZeroExamples,
                Columns.Mse, Columns.ExactNorm, Columns.MeanNorm, Columns.Samples)]);
        return new BiasVarianceResult(frame, BiasVarianceStudy.Summarise(frame));
    }

    /// <inheritdoc />
    protected internal override IEnumerable<ResultFile> Files(BiasVarianceParameters parameters, BiasVarianceResult result) =>
    [
        ResultFile.Csv("statistics.csv", result.Statistics),
        ResultFile.Csv("summary.csv", result.Summary),
        ResultFile.Csv("comparison.csv", CosineComparison.Of(result.Summary, parameters)),
        ResultFile.Figure("figure.html", BiasVarianceFigure.Create(result.Statistics, parameters.Describe(), PublishedOverlay.For(parameters))),
    ];

    /// <inheritdoc />
    protected internal override IEnumerable<ResultTable> Tables(BiasVarianceParameters parameters, BiasVarianceResult result)
    {
        var summary = result.Summary;
        yield return new ResultTable($"Bias and variance, mean and standard error over seeds ({parameters.Describe()}); relative std is " +
            "‖std‖/‖mean‖ per example averaged over the examples, what the authors' code plots for the caption's \"variance\"; " +
            "nonfinite_seeds counts seeds whose cosine or relative std is not finite, left out of the means", summary, 4,
            (column, row) => column.EndsWith("_se", StringComparison.Ordinal) && summary[column][row] is double se && double.IsNaN(se) ? "undefined (1 seed)" : null);
    }

    /// <inheritdoc />
    /// <remarks>The count of verdicts against the published cosines, then the study's reading (<see cref="BiasVarianceReading"/>).</remarks>
    protected internal override IEnumerable<string> Notes(BiasVarianceParameters parameters, BiasVarianceResult result, AnalysisEnvironment environment) =>
    [
        VerdictCount.Note(CosineComparison.Of(result.Summary, parameters), "points", parameters.Preset, parameters.IsPaperProtocol()),
        .. BiasVarianceReading.Of(result).Sentences,
    ];

    /// <summary>
    /// Mean and standard error over seeds per (checkpoint, estimator), as in the paper's figure: <c>epoch</c>, <c>estimator</c>,
    /// <c>title</c>, <c>seeds</c>, <c>cosine_mean</c>, <c>cosine_se</c>, <c>cosine_seeds</c>, <c>relative_std_mean</c>,
    /// <c>relative_std_se</c>, <c>relative_std_seeds</c>, <c>nonfinite_seeds</c>. Each statistic is averaged over the seeds where
    /// it is finite (<c>*_seeds</c> counts them; a NaN statistic means every estimate of that seed was exactly zero, an infinite one
    /// a zero mean estimate with non-zero estimates, see <see cref="GradientStatistics"/>); the standard error is the sample sd
    /// (n − 1) over those seeds divided by √n (<see cref="SampleStatistics"/>), NaN (undefined) for fewer than two; a mean is NaN
    /// only when no seed has a finite value. <c>nonfinite_seeds</c> counts the seeds left out of either mean (cosine or relative std not finite), so that no
    /// seed is dropped silently: <c>seeds</c> = finite seeds + <c>nonfinite_seeds</c> for each statistic.
    /// </summary>
    public static DataFrame Summarise(DataFrame statistics)
    {
        var rows = SeedRows.Read(statistics);
        return new DataFrame(
            new Int32DataFrameColumn(Columns.Epoch, rows.Select(r => r.Epoch)),
            new StringDataFrameColumn(Columns.Estimator, rows.Select(r => r.Estimator)),
            new StringDataFrameColumn(Columns.Title, rows.Select(r => r.Title)),
            new Int32DataFrameColumn(Columns.Seeds, rows.Select(r => r.Seeds)),
            new DoubleDataFrameColumn(Columns.CosineMean, rows.Select(r => r.Cosine.Mean)),
            new DoubleDataFrameColumn(Columns.CosineSe, rows.Select(r => r.Cosine.StandardError)),
            new Int32DataFrameColumn(Columns.CosineSeeds, rows.Select(r => r.Cosine.Count)),
            new DoubleDataFrameColumn(Columns.RelativeStdMean, rows.Select(r => r.RelativeStd.Mean)),
            new DoubleDataFrameColumn(Columns.RelativeStdSe, rows.Select(r => r.RelativeStd.StandardError)),
            new Int32DataFrameColumn(Columns.RelativeStdSeeds, rows.Select(r => r.RelativeStd.Count)),
            new Int32DataFrameColumn(Columns.NonfiniteSeeds, rows.Select(r => r.NonFinite)));
    }

    /// <summary>Which of the first <see cref="BiasVarianceParameters.BatchPool"/> batches is used at a (seed, checkpoint).</summary>
    internal static int BatchIndex(BiasVarianceParameters parameters, long seed, int epoch)
    {
        using var generator = new Generator(SeedOf(parameters.Seed, epoch, "batch", seed));
        return (int)randint(parameters.BatchPool, [1], generator: generator).item<long>();
    }

    /// <summary>A generator seed per (study seed, epoch, estimator), so that a resumed study draws what an uninterrupted one would.</summary>
    internal static ulong SeedOf(long seed, int epoch, string spec)
    {
        ulong h = 1469598103934665603UL ^ (ulong)seed;
        foreach (var c in $"{epoch}|{spec}") h = (h ^ c) * 1099511628211UL;
        return h;
    }

    /// <summary>A generator seed per (study seed, epoch, estimator, training seed).</summary>
    internal static ulong SeedOf(long seed, int epoch, string spec, long trainingSeed) =>
        trainingSeed == 0 ? SeedOf(seed, epoch, spec) : SeedOf(seed, epoch, FormattableString.Invariant($"{spec}|training-seed={trainingSeed}"));

    /// <summary>The per-seed rows of one (checkpoint, estimator), summarised.</summary>
    private sealed record SeedRows(int Epoch, string Estimator, string Title, int Seeds, SampleStatistics Cosine, SampleStatistics RelativeStd, int NonFinite)
    {
        public static IReadOnlyList<SeedRows> Read(DataFrame frame)
        {
            int n = (int)frame.Rows.Count;
            var items = Enumerable.Range(0, n).Select(i => (
                Epoch: Convert.ToInt32(frame[Columns.Epoch][i], CultureInfo.InvariantCulture), Estimator: (string)frame[Columns.Estimator][i],
                Title: (string)frame[Columns.Title][i], Cosine: Convert.ToDouble(frame[Columns.Cosine][i], CultureInfo.InvariantCulture),
                RelativeStd: Convert.ToDouble(frame[Columns.RelativeStd][i] ?? double.NaN, CultureInfo.InvariantCulture))).ToList();
            return items.GroupBy(r => (r.Epoch, r.Estimator)).Select(g => new SeedRows(g.Key.Epoch, g.Key.Estimator, g.First().Title, g.Count(),
                SampleStatistics.Of(g.Select(r => r.Cosine).Where(double.IsFinite).ToList()),
                SampleStatistics.Of(g.Select(r => r.RelativeStd).Where(double.IsFinite).ToList()),
                g.Count(r => !double.IsFinite(r.Cosine) || !double.IsFinite(r.RelativeStd)))).ToList();
        }
    }
}

using Microsoft.Data.Analysis;
using NotebookExperiments.Charts;
using NotebookExperiments.Estimators;
using NotebookExperiments.Gradients;
using NotebookExperiments.Published;
using NotebookExperiments.Reports;

namespace NotebookExperiments.Analyses;

/// <summary>
/// The bias/variance study as the runner sees it (<see cref="BiasVarianceStudy"/>): one <see cref="GradientJob"/> per seed (its
/// reference model and the statistics of every estimator at every checkpoint); it writes <c>statistics.csv</c>, <c>summary.csv</c>,
/// <c>comparison.csv</c> (each cosine beside the published one, <see cref="CosineComparison"/>) and <c>figure.html</c>.
/// </summary>
public sealed class BiasVarianceAnalysis : Analysis<BiasVarianceParameters, BiasVarianceOverrides, BiasVarianceResult>
{
    internal BiasVarianceAnalysis()
    {
    }

    /// <inheritdoc />
    public override string Name => BiasVarianceStudy.Name;

    /// <inheritdoc />
    public override string Summary => "Bias (cosine with the exact gradient) and variance of estimators over training checkpoints (Beyond ReinMax, Fig. 1).";

    /// <inheritdoc />
    public override BiasVarianceParameters FromPreset(string preset, BiasVarianceOverrides overrides) => BiasVarianceParameters.FromPreset(preset, overrides);

    /// <inheritdoc />
    public override BiasVarianceParameters Normalise(BiasVarianceParameters parameters)
    {
        parameters.Validate();
        var catalog = EstimatorCatalog.Default;
        return parameters with
        {
            Estimators = parameters.Estimators.Select(s => catalog.Create(s).Spec).ToList(),
            Training = parameters.Training with { Estimator = catalog.Create(parameters.Training.Estimator).Spec },
        };
    }

    /// <inheritdoc />
    public override string Describe(BiasVarianceParameters parameters) => parameters.Describe();

    /// <inheritdoc />
    public override string PresetOf(BiasVarianceParameters parameters) => parameters.Preset;

    /// <inheritdoc />
    protected internal override BiasVarianceParameters WithPreset(BiasVarianceParameters parameters, string preset) => parameters with { Preset = preset };

    /// <inheritdoc />
    public override bool? IsPaperProtocol(BiasVarianceParameters parameters) => parameters.IsPaperProtocol();

    /// <inheritdoc />
    public override bool CheckpointsEnsembles(BiasVarianceParameters parameters) => false;

    /// <inheritdoc />
    public override IReadOnlyList<AnalysisJob> Jobs(BiasVarianceParameters parameters, long trainImages)
    {
        var catalog = EstimatorCatalog.Default;
        return parameters.Seeds.Select((seed, index) =>
        {
            var training = parameters.Training with { Seed = seed };
            long images = training.TrainSize is int limit ? Math.Min(limit, trainImages) : trainImages;
            var units = (from epoch in parameters.CheckpointEpochs
                         from spec in parameters.Estimators
                         let batch = BiasVarianceStudy.BatchIndex(parameters, seed, epoch)
                         let key = UnitKey.Of(FormattableString.Invariant($"seed={seed}|epoch={epoch}|{spec}"), new
                         {
                             training = new
                             {
                                 configuration = training.Configuration,
                                 estimator = catalog.IdentityOf(training.Estimator),
                                 optimizer = training.Optimizer.ToString(),
                                 learning_rate = training.LearningRate,
                                 epochs = training.Epochs,
                                 train_images = images,
                                 batch_size = training.BatchSize,
                                 seed,
                             },
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
        var frame = new DataFrame(
            new Int64DataFrameColumn("seed", rows.Select(r => r.Seed)),
            new Int32DataFrameColumn("epoch", rows.Select(r => r.Epoch)),
            new Int32DataFrameColumn("batch", rows.Select(r => r.Batch)),
            new StringDataFrameColumn("estimator", rows.Select(r => r.Estimator)),
            new StringDataFrameColumn("title", rows.Select(r => r.Title)),
            new DoubleDataFrameColumn("cosine", rows.Select(r => r.Statistics.Cosine)),
            new DoubleDataFrameColumn("relative_std", rows.Select(r => r.Statistics.RelativeStd)),
            new Int64DataFrameColumn("all_zero_examples", rows.Select(r => r.Statistics.AllZeroExamples)),
            new DoubleDataFrameColumn("mse", rows.Select(r => r.Statistics.Mse)),
            new DoubleDataFrameColumn("exact_norm", rows.Select(r => r.Statistics.ExactNorm)),
            new DoubleDataFrameColumn("mean_norm", rows.Select(r => r.Statistics.MeanNorm)),
            new Int32DataFrameColumn("samples", rows.Select(r => (int)r.Statistics.Samples)));
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
}

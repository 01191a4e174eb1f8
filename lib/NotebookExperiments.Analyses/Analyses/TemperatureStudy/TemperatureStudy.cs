using Microsoft.Data.Analysis;
using NotebookExperiments.Estimators;
using NotebookExperiments.Models;
using NotebookExperiments.Training;

namespace NotebookExperiments.Analyses;

/// <summary>
/// How temperature-dependent estimators behave as τ moves, against the temperature-free ZGR: gradient bias and variance at a
/// fixed checkpoint (and their trade-off: the ZGR paper's claim is that the ST–ZGR family dominates the GR family), and the
/// train −ELBO after a fixed budget. The gradient part is one <see cref="GradientJob"/> (the checkpoint's model and every estimator
/// at every temperature), the training part ensembles; it writes <c>gradients.csv</c>, <c>training.csv</c>,
/// <c>figure-gradients.html</c>, <c>figure-tradeoff.html</c> and <c>figure-training.html</c>.
/// </summary>
public sealed class TemperatureStudy() : Analysis<TemperatureStudyParameters, TemperatureStudyResult>("temperature-study",
    "Bias, variance and training loss of temperature-dependent estimators against τ, with ZGR (and, for the gradients, RF(4)) as temperature-free references.")
{
    /// <inheritdoc />
    protected override TemperatureStudyParameters Canonical(TemperatureStudyParameters parameters)
    {
        var catalog = EstimatorCatalog.Default;
        return parameters with
        {
            References = parameters.References.Select(r => r with { Spec = catalog.Create(r.Spec).Spec }).ToList(),
            GradientReferences = parameters.GradientReferences.Select(r => r with { Spec = catalog.Create(r.Spec).Spec }).ToList(),
            Checkpoint = parameters.Checkpoint with { Estimator = catalog.Create(parameters.Checkpoint.Estimator).Spec },
        };
    }

    /// <inheritdoc />
    public override IReadOnlyList<AnalysisJob> Jobs(TemperatureStudyParameters parameters, long trainImages)
    {
        var catalog = EstimatorCatalog.Default;
        var jobs = new List<AnalysisJob>();
        var gradientUnits = GradientUnits(parameters);
        if (gradientUnits.Count > 0)
        {
            var checkpoint = parameters.Checkpoint;
            int epoch = checkpoint.Epochs;
            var units = gradientUnits.Select(u =>
            {
                ulong generatorSeed = BiasVarianceStudy.SeedOf(parameters.Seed, epoch, u.Spec);
                var key = UnitKey.Of("gradient|" + u.Spec, new
                {
                    training = checkpoint.KeyOf(trainImages),
                    batch = new { size = parameters.BatchSize, seed = parameters.Seed },
                    estimator = catalog.IdentityOf(u.Spec),
                    samples = parameters.Samples,
                    generator_seed = generatorSeed,
                    statistics_revision = parameters.StatisticsRevision,
                });
                return new GradientUnit(key, epoch, u.Spec, generatorSeed, (statistics, _) => new TemperatureGradientUnit(u.Title, u.Spec, u.Tau, statistics));
            }).ToList();
            jobs.Add(new GradientJob("gradients", "gradients at the checkpoint", checkpoint, [epoch], units, parameters.Samples,
                (trainer, _, environment) => checkpoint.FixedBatch(environment.Data, parameters.BatchSize, parameters.Seed, environment.Device), trainImages));
        }

        var t = parameters.Training;
        var options = new TrainingOptions(VaeConfiguration.Parse(t.Configuration), t.Optimizer, parameters.Epochs, TrainSize: parameters.TrainSize)
        {
            ComputeTestLoss = false,
        };
        double steps = ProgressMeter.StepsOf(parameters.Epochs, parameters.TrainSize, trainImages, options.BatchSize);
        var runs = TrainingUnits(parameters).Select(u =>
        {
            var member = new TrainingMember(u.Spec, t.LearningRate, u.Seed);
            return new EnsembleRun(EnsembleRun.KeyOf(FormattableString.Invariant($"training|{u.Spec}|seed={u.Seed}"), options, trainImages, member), member,
                result => new TemperatureTrainingUnit(u.Title, u.Spec, u.Tau, u.Seed, result.FinalTrainLoss, result.Diverged));
        }).ToList();
        jobs.AddRange(EnsembleJob.InEnsemblesOf(parameters.MaxEnsembleSize, "training", $"training {t.Configuration}", options, runs, steps));
        return jobs;
    }

    /// <inheritdoc />
    protected internal override TemperatureStudyResult Collect(TemperatureStudyParameters parameters, ResultStore store, long trainImages)
    {
        var jobs = Jobs(parameters, trainImages);
        var gradients = jobs.OfType<GradientJob>().SelectMany(j => j.Units).Where(store.Contains).Select(store.Get<TemperatureGradientUnit>).ToList();
        var runs = jobs.OfType<EnsembleJob>().SelectMany(j => j.Units).Where(store.Contains).Select(store.Get<TemperatureTrainingUnit>).ToList();
        return new TemperatureStudyResult(
            new DataFrame([
                new StringDataFrameColumn(Columns.Estimator, gradients.Select(g => g.Estimator)),
                new StringDataFrameColumn(Columns.Spec, gradients.Select(g => g.Spec)),
                new DoubleDataFrameColumn(Columns.Tau, gradients.Select(g => g.Tau ?? double.NaN)),
                .. GradientStatisticsTable.Of(gradients.Select(g => g.Statistics).ToList(), Columns.Cosine, Columns.RelativeStd, Columns.Mse,
                    Columns.Samples, Columns.AllZeroExamples, Columns.ExactNorm, Columns.MeanNorm)]),
            new DataFrame(
                new StringDataFrameColumn(Columns.Estimator, runs.Select(r => r.Estimator)),
                new StringDataFrameColumn(Columns.Spec, runs.Select(r => r.Spec)),
                new DoubleDataFrameColumn(Columns.Tau, runs.Select(r => r.Tau ?? double.NaN)),
                new Int64DataFrameColumn(Columns.Seed, runs.Select(r => r.Seed)),
                new DoubleDataFrameColumn(Columns.FinalTrainElbo, runs.Select(r => r.FinalTrainElbo ?? double.NaN)),
                new BooleanDataFrameColumn(Columns.Diverged, runs.Select(r => r.Diverged))));
    }

    /// <inheritdoc />
    protected internal override IEnumerable<ResultFile> Files(TemperatureStudyParameters parameters, TemperatureStudyResult result)
    {
        var subtitle = parameters.Describe();
        return
        [
            ResultFile.Csv("gradients.csv", result.Gradients),
            ResultFile.Csv("training.csv", result.Training),
            ResultFile.Figure("figure-gradients.html", TemperatureFigures.GradientVersusTemperature(result.Gradients, subtitle)),
            ResultFile.Figure("figure-tradeoff.html", TemperatureFigures.BiasVarianceTradeoff(result.Gradients, subtitle)),
            // A study without a training part (no training temperatures and no references) has no training figure.
            .. result.Training.Rows.Count == 0
                ? Array.Empty<ResultFile>()
                : [ResultFile.Figure("figure-training.html", TemperatureFigures.TrainingVersusTemperature(result.Training, subtitle))],
        ];
    }

    /// <inheritdoc />
    protected internal override IEnumerable<ResultTable> Tables(TemperatureStudyParameters parameters, TemperatureStudyResult result) =>
    [
        new ResultTable($"Gradients against τ ({parameters.Describe()})", result.Gradients),
        new ResultTable("Train −ELBO after the budget", result.Training),
    ];

    /// <inheritdoc />
    /// <remarks>The study's reading (<see cref="TemperatureReading"/>).</remarks>
    protected internal override IEnumerable<string> Notes(TemperatureStudyParameters parameters, TemperatureStudyResult result, AnalysisEnvironment environment) =>
        TemperatureReading.Of(result, parameters).Sentences;

    private static List<(string Title, string Spec, double? Tau)> GradientUnits(TemperatureStudyParameters parameters)
    {
        var catalog = EstimatorCatalog.Default;
        return parameters.Families
            .SelectMany(f => parameters.Temperatures.Select(t => (f.Title, Spec: catalog.WithTemperature(f.Spec, t), Tau: (double?)t)))
            .Concat(parameters.References.Concat(parameters.GradientReferences)
                .Select(r => (r.Title, Spec: catalog.Create(r.Spec).Spec, Tau: (double?)null))).ToList();
    }

    private static List<(string Title, string Spec, double? Tau, long Seed)> TrainingUnits(TemperatureStudyParameters parameters)
    {
        var catalog = EstimatorCatalog.Default;
        return parameters.Seeds.SelectMany(seed =>
            parameters.Families.SelectMany(f => parameters.TrainingTemperatures.Select(t => (f.Title, Spec: catalog.WithTemperature(f.Spec, t), Tau: (double?)t, Seed: seed)))
                .Concat(parameters.References.Select(r => (r.Title, Spec: catalog.Create(r.Spec).Spec, Tau: (double?)null, Seed: seed)))).ToList();
    }
}

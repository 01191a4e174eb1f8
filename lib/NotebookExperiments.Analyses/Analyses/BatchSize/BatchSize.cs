using System.Globalization;
using Microsoft.Data.Analysis;
using NotebookExperiments.Estimators;
using NotebookExperiments.Gradients;
using static TorchSharp.torch;

namespace NotebookExperiments.Analyses;

/// <summary>
/// The Gumbel-Rao paper's batch-size axis (Paulus et al., ICLR 2021, Section 1: the improvement of GR-MCK over ST-GS "is particularly
/// pronounced at small batch sizes and low temperatures") at the temperature study's checkpoint: the error of the gradient of the
/// batch-mean loss with respect to the encoder's output layer against the exact one, as a function of the batch size B, for ST-GS and
/// GR-MCK at one or two temperatures (<see cref="BatchGradientError"/>). It writes <c>batch-size.csv</c> and <c>figure.html</c>.
/// </summary>
/// <remarks>
/// A side view of the temperature study: run by its own command (or <c>reproduce batch-size</c>), not by <c>reproduce</c> without an
/// analysis named. The model is the temperature study's checkpoint, read from the temperature study's result folder beside this one
/// when it is there and trained here otherwise (<see cref="GradientJob.SharedWith"/>); the pool is its fixed batch
/// (<see cref="BatchSizeParameters.Pool"/> images chosen by <see cref="BatchSizeParameters.PoolSeed"/>), cut into disjoint batches of B.
/// The exact gradient is the enumeration over all C^L states (<see cref="VaeGradientProblem"/>). One unit per estimator and
/// temperature, in one job (its units need the same model).
/// </remarks>
public sealed class BatchSize() : Analysis<BatchSizeParameters, BatchSizeResult>("batch-size",
    "Gradient error against the batch size B of ST-GS and GR-MCK at the temperature study's checkpoint (Gumbel-Rao paper, Section 1); a side view of temperature-study.")
{
    /// <summary>The columns of <see cref="BatchSizeResult.Table"/>.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } =
        [Columns.Estimator, Columns.Spec, Columns.Tau, Columns.BatchSize, Columns.Batches, Columns.Samples, Columns.Mse, Columns.MseSe, Columns.SquaredBias, Columns.Variance, Columns.ExactSquaredNorm,
         Columns.RelativeMse, Columns.VsStGs];

    /// <inheritdoc />
    protected override BatchSizeParameters Canonical(BatchSizeParameters parameters) =>
        parameters with { Checkpoint = parameters.Checkpoint with { Estimator = EstimatorCatalog.Default.Create(parameters.Checkpoint.Estimator).Spec } };

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">A batch size larger than the pool on a training set of <paramref name="trainImages"/>.</exception>
    public override IReadOnlyList<AnalysisJob> Jobs(BatchSizeParameters parameters, long trainImages)
    {
        var catalog = EstimatorCatalog.Default;
        var checkpoint = parameters.Checkpoint;
        int epoch = checkpoint.Epochs;
        int pool = PoolOf(parameters, trainImages);
        foreach (var b in parameters.BatchSizes)
            if (b > pool) throw new ArgumentOutOfRangeException(nameof(parameters), b, $"Batch sizes must be at most {pool}, the temperature study's batch.");
        var units = parameters.Temperatures.SelectMany(tau => parameters.Families.Select(family =>
        {
            var spec = catalog.WithTemperature(family.Spec, tau);
            ulong generatorSeed = BiasVarianceStudy.SeedOf(parameters.Seed, epoch, "batch-size|" + spec);
            var key = UnitKey.Of("batch-size|" + spec, new
            {
                training = checkpoint.KeyOf(trainImages),
                batch = new { size = parameters.Pool, seed = parameters.PoolSeed },
                estimator = catalog.IdentityOf(spec),
                batch_sizes = parameters.BatchSizes,
                samples = parameters.Samples,
                generator_seed = generatorSeed,
            });
            return new GradientUnit(key, epoch, spec, generatorSeed, null)
            {
                Measure = (problem, model, batch, generator) =>
                {
                    Tensor features;
                    using (no_grad()) features = model.Model.EncoderFeatures(batch.unsqueeze(0))[0];
                    var errors = BatchGradientError.Measure(catalog.Create(spec), problem.Logits, problem.Objective, problem.Exact, features,
                        parameters.BatchSizes, parameters.Samples, generator);
                    return new BatchSizeUnit(family.Title, spec, tau, errors);
                },
            };
        })).ToList();
        return
        [
            new GradientJob("batch-size", "batch-size view", checkpoint, [epoch], units, parameters.Samples,
                (_, _, environment) => checkpoint.FixedBatch(environment.Data, parameters.Pool, parameters.PoolSeed, environment.Device), trainImages)
            {
                SharedWith = "temperature-study",
            },
        ];
    }

    /// <inheritdoc />
    protected internal override BatchSizeResult Collect(BatchSizeParameters parameters, ResultStore store, long trainImages)
    {
        var rows = Jobs(parameters, trainImages).SelectMany(j => j.Units).Where(store.Contains).Select(store.Get<BatchSizeUnit>)
            .SelectMany(u => u.Errors.Select(e => (Title: u.Estimator, u.Spec, u.Tau, Error: e))).ToList();

        double VsStGs(int i)
        {
            var r = rows[i];
            var baseline = rows.Where(o => o.Title == "ST-GS" && o.Tau == r.Tau && o.Error.BatchSize == r.Error.BatchSize).ToList();
            return baseline.Count == 1 ? r.Error.Mse / baseline[0].Error.Mse : double.NaN;
        }

        var table = new DataFrame(
            new StringDataFrameColumn(Columns.Estimator, rows.Select(r => r.Title)),
            new StringDataFrameColumn(Columns.Spec, rows.Select(r => r.Spec)),
            new DoubleDataFrameColumn(Columns.Tau, rows.Select(r => r.Tau)),
            new Int32DataFrameColumn(Columns.BatchSize, rows.Select(r => r.Error.BatchSize)),
            new Int32DataFrameColumn(Columns.Batches, rows.Select(r => r.Error.Batches)),
            new Int32DataFrameColumn(Columns.Samples, rows.Select(r => r.Error.Samples)),
            new DoubleDataFrameColumn(Columns.Mse, rows.Select(r => r.Error.Mse)),
            new DoubleDataFrameColumn(Columns.MseSe, rows.Select(r => r.Error.MseStandardError)),
            new DoubleDataFrameColumn(Columns.SquaredBias, rows.Select(r => r.Error.SquaredBias)),
            new DoubleDataFrameColumn(Columns.Variance, rows.Select(r => r.Error.Variance)),
            new DoubleDataFrameColumn(Columns.ExactSquaredNorm, rows.Select(r => r.Error.ExactSquaredNorm)),
            new DoubleDataFrameColumn(Columns.RelativeMse, rows.Select(r => r.Error.RelativeMse)),
            new DoubleDataFrameColumn(Columns.VsStGs, rows.Select((_, i) => VsStGs(i))));
        var checkpoint = parameters.Checkpoint;
        string description = string.Create(CultureInfo.InvariantCulture,
            $"{parameters.Preset} preset: epoch {checkpoint.Epochs} of {checkpoint.Estimator} on {checkpoint.Configuration} (the temperature study's checkpoint), ") +
            string.Create(CultureInfo.InvariantCulture, $"its batch of {PoolOf(parameters, trainImages)} images cut into batches of B, {parameters.Samples} estimates; ") +
            "gradient of the batch-mean loss with respect to the encoder's output layer, against the exact one (all C^L states)";
        return new BatchSizeResult(table, description);
    }

    /// <inheritdoc />
    protected internal override IEnumerable<ResultFile> Files(BatchSizeParameters parameters, BatchSizeResult result) =>
    [
        ResultFile.Csv("batch-size.csv", result.Table),
        ResultFile.Figure("figure.html", BatchSizeFigure.Create(result.Table, result.Description)),
    ];

    /// <inheritdoc />
    protected internal override IEnumerable<ResultTable> Tables(BatchSizeParameters parameters, BatchSizeResult result) =>
        [new ResultTable($"Gradient error against the batch size ({result.Description})", result.Table)];

    /// <inheritdoc />
    /// <remarks>The view's reading (<see cref="BatchSizeReading"/>).</remarks>
    protected internal override IEnumerable<string> Notes(BatchSizeParameters parameters, BatchSizeResult result, AnalysisEnvironment environment) =>
        BatchSizeReading.Of(result).Sentences;

    /// <summary>The pool: the study's batch, drawn from the checkpoint's training images (<see cref="ReferenceTraining.FixedBatch"/>), so at most that many.</summary>
    private static int PoolOf(BatchSizeParameters parameters, long trainImages) =>
        (int)Math.Min(parameters.Pool, Math.Min(parameters.Checkpoint.TrainSize ?? long.MaxValue, trainImages));
}

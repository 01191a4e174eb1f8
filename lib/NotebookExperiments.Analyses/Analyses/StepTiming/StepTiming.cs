using System.Globalization;
using Microsoft.Data.Analysis;
using NotebookExperiments.Estimators;
using NotebookExperiments.Models;
using NotebookExperiments.Timing;
using NotebookExperiments.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace NotebookExperiments.Analyses;

/// <summary>
/// The ZGR paper's Fig. 5 on this machine (Shekhovtsov 2023: "time of a forward-backward pass per batch" of each estimator): for
/// every estimator, a single-member VAE whose forward–backward pass (<see cref="Trainer.ForwardBackward"/>: encoder, estimator,
/// decoder, loss, backward; no optimiser update) is timed on batches of MNIST images, in interleaved rounds with ST, so that the
/// ratio to ST of each round compares passes timed within moments of each other.
/// </summary>
/// <remarks>
/// A side view of the temperature study: run by its own command (or <c>reproduce step-timing</c>), not by <c>reproduce</c> without an
/// analysis named. A timing belongs to the machine and the moment: its one unit is keyed by the parameters and records the processor,
/// device and threads that measured it (the report shows them; a result folder keeps the first machine's timing until it is
/// deleted), and it is one job that no shard plan splits, since its rounds interleave
/// every estimator so that the ratios to ST compare passes timed within moments of each other on one machine. Under Slurm it runs as
/// one task; sharding it across machines would compare their processors, not the estimators. The numbers depend on the load of the
/// machine; the shape (which estimators cost a multiple of ST, how GR-MCK grows with K) is what a reader can compare with the paper's
/// figure. It writes <c>step-timing.csv</c> and <c>figure.html</c>.
/// </remarks>
public sealed class StepTiming() : Analysis<StepTimingParameters, StepTimingResult>("step-timing",
    "Time of a forward-backward pass per batch of each estimator on this machine (ZGR paper, Fig. 5); a side view of temperature-study.")
{
    /// <summary>Distinct batches each estimator's passes cycle through.</summary>
    public const int Batches = 10;

    /// <summary>The learning rate of the timed models (any value: no update is made).</summary>
    private const double LearningRate = 1e-3;

    /// <summary>The columns of <see cref="StepTimingResult.Table"/>.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } =
        [Columns.Estimator, Columns.Spec, Columns.Nfe, Columns.MedianMs, Columns.Q1Ms, Columns.Q3Ms, Columns.VsSt, Columns.VsStQ1, Columns.VsStQ3, Columns.SamplesPerS, Columns.Rounds, Columns.PassesPerBlock];

    /// <summary>Times every estimator of <paramref name="parameters"/> on <paramref name="images"/>.</summary>
    /// <param name="parameters">What to time and how long.</param>
    /// <param name="images">Images <c>[N, 784]</c> in [0, 1] (the MNIST training images); the passes cycle through the first
    /// <see cref="Batches"/> batches (fewer when N is smaller, at least one).</param>
    /// <param name="device">The device of the models and the images.</param>
    /// <param name="progress">Receives a line per phase (warm-up of each estimator, each round); may be null.</param>
    /// <exception cref="ArgumentException">Invalid parameters, or fewer images than one batch.</exception>
    public static StepTimingUnit Measure(StepTimingParameters parameters, Tensor images, Device device, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        int b = parameters.BatchSize;
        long available = images.shape[0] / b;
        if (available < 1) throw new ArgumentException($"A batch of {b} needs at least {b} images; got {images.shape[0]}.", nameof(images));

        var configuration = VaeConfiguration.Parse(parameters.Configuration);
        var options = new TrainingOptions(configuration, OptimizerKind.Adam, Epochs: 1, BatchSize: b) { Device = device };
        var estimators = parameters.Estimators.Select(e => EstimatorCatalog.Default.Create(e.Spec)).ToList();
        var trainers = new List<Trainer>();
        try
        {
            using var batchesScope = NewDisposeScope();
            var batches = Enumerable.Range(0, (int)Math.Min(Batches, available))
                .Select(i => images.narrow(0, (long)i * b, b).to(ScalarType.Float32, device).unsqueeze(0)).ToList();
            foreach (var e in estimators) trainers.Add(new Trainer(options, [new TrainingMember(e.Spec, LearningRate, parameters.Seed)]));
            var cases = trainers.Select((trainer, i) =>
            {
                int next = 0;
                return new TimedCase(parameters.Estimators[i].Title, () =>
                {
                    using var scope = NewDisposeScope();
                    // Reading the loss waits for the device (a GPU runs asynchronously), so that a pass is timed to its end.
                    trainer.ForwardBackward(batches[next++ % batches.Count])[0].item<float>();
                });
            }).ToList();
            var samples = InterleavedRunner.Run(cases, parameters.Plan, progress is null ? null : progress.Report);
            int baseline = estimators.FindIndex(e => e is StraightThrough);

            var rows = parameters.Estimators.Select((e, i) =>
            {
                var (seconds, ratio) = (samples[i].Seconds, samples[i].RatioTo(samples[baseline]));
                return new StepTimingRow(e.Title, estimators[i].Spec, estimators[i].ObjectiveEvaluations ?? 1, seconds.Median * 1e3,
                    seconds.LowerQuartile * 1e3, seconds.UpperQuartile * 1e3, ratio.Median, ratio.LowerQuartile, ratio.UpperQuartile,
                    b / seconds.Median, seconds.Count, samples[i].InvocationsPerBlock);
            }).ToList();
            string name = device.type == DeviceType.CUDA ? $"cuda:{device.index}" : device.type.ToString().ToLowerInvariant();
            return new StepTimingUnit(rows, name, HardwareOf(device), get_num_threads());
        }
        finally
        {
            foreach (var trainer in trainers) trainer.Dispose();
        }
    }

    /// <summary>Times the estimators on the first images of <paramref name="data"/>'s training set.</summary>
    public static StepTimingUnit Measure(StepTimingParameters parameters, TrainingData data, Device device, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var scope = NewDisposeScope();
        long n = Math.Min(data.Train.shape[0], (long)Batches * parameters.BatchSize);
        return Measure(parameters, data.Train.narrow(0, 0, n), device, progress);
    }

    /// <inheritdoc />
    public override IReadOnlyList<AnalysisJob> Jobs(StepTimingParameters parameters, long trainImages) =>
        [new StepTimingJob(parameters, UnitKey.Of("step-timing", new
        {
            configuration = parameters.Configuration,
            batch_size = parameters.BatchSize,
            estimators = parameters.Estimators,
            plan = parameters.Plan,
            seed = parameters.Seed,
        }))];

    /// <inheritdoc />
    protected internal override StepTimingResult Collect(StepTimingParameters parameters, ResultStore store, long trainImages)
    {
        var key = Jobs(parameters, trainImages)[0].Units[0];
        var unit = store.Contains(key) ? store.Get<StepTimingUnit>(key) : new StepTimingUnit([], "", "", 0);
        var rows = unit.Rows;
        var table = new DataFrame(
            new StringDataFrameColumn(Columns.Estimator, rows.Select(r => r.Estimator)),
            new StringDataFrameColumn(Columns.Spec, rows.Select(r => r.Spec)),
            new Int32DataFrameColumn(Columns.Nfe, rows.Select(r => r.Nfe)),
            new DoubleDataFrameColumn(Columns.MedianMs, rows.Select(r => r.MedianMs)),
            new DoubleDataFrameColumn(Columns.Q1Ms, rows.Select(r => r.Q1Ms)),
            new DoubleDataFrameColumn(Columns.Q3Ms, rows.Select(r => r.Q3Ms)),
            new DoubleDataFrameColumn(Columns.VsSt, rows.Select(r => r.VsSt)),
            new DoubleDataFrameColumn(Columns.VsStQ1, rows.Select(r => r.VsStQ1)),
            new DoubleDataFrameColumn(Columns.VsStQ3, rows.Select(r => r.VsStQ3)),
            new DoubleDataFrameColumn(Columns.SamplesPerS, rows.Select(r => r.SamplesPerS)),
            new Int32DataFrameColumn(Columns.Rounds, rows.Select(r => r.Rounds)),
            new Int32DataFrameColumn(Columns.PassesPerBlock, rows.Select(r => r.PassesPerBlock)));
        return new StepTimingResult(table, unit.Device, unit.Hardware, unit.Threads, parameters);
    }

    /// <inheritdoc />
    protected internal override IEnumerable<ResultFile> Files(StepTimingParameters parameters, StepTimingResult result) =>
    [
        ResultFile.Csv("step-timing.csv", result.Table),
        ResultFile.Figure("figure.html", StepTimingFigure.Create(result)),
    ];

    /// <inheritdoc />
    protected internal override IEnumerable<ResultTable> Tables(StepTimingParameters parameters, StepTimingResult result) =>
        [new ResultTable($"Forward–backward pass per batch ({result.Describe()})", result.Table)];

    private static string HardwareOf(Device device) =>
        device.type == DeviceType.CUDA
            ? $"CUDA device {device.index}"
            : string.Create(CultureInfo.InvariantCulture, $"CPU {Provenance.CpuName()} ({Environment.ProcessorCount} cores)");
}

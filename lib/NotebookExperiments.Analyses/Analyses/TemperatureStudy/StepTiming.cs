using System.Globalization;
using Microsoft.Data.Analysis;
using NotebookExperiments.Estimators;
using NotebookExperiments.Models;
using NotebookExperiments.Timing;
using NotebookExperiments.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace NotebookExperiments.Analyses;

/// <summary>The step timing of one machine: the table and how it was measured.</summary>
/// <param name="Table">One row per estimator, in the order of the parameters: <c>estimator</c> (title), <c>spec</c>, <c>nfe</c>
/// (evaluations of the decoder per example), <c>median_ms</c>, <c>q1_ms</c>, <c>q3_ms</c> (milliseconds per forward–backward pass
/// over the rounds), <c>vs_st</c>, <c>vs_st_q1</c>, <c>vs_st_q3</c> (this estimator's time over ST's, round by round: median and
/// quartiles), <c>samples_per_s</c> (batch size / median), <c>rounds</c>, <c>passes_per_block</c>.</param>
/// <param name="Device">The device, e.g. <c>cpu</c> or <c>cuda:0</c>.</param>
/// <param name="Hardware">What ran it: the processor's model and core count, or the CUDA device.</param>
/// <param name="Threads">TorchSharp's intra-op threads during the timing.</param>
/// <param name="Parameters">The parameters timed.</param>
public sealed record StepTimingResult(DataFrame Table, string Device, string Hardware, int Threads, StepTimingParameters Parameters)
{
    /// <summary>
    /// One line for chart subtitles and captions: what was timed and where, how the numbers are summarised, and that the ZGR paper's
    /// milliseconds (a GPU with CUDA graphs) are not comparable with these.
    /// </summary>
    public string Describe()
    {
        int rounds = Parameters.Plan.Rounds;
        return FormattableString.Invariant($"{Parameters.Preset} preset: {Parameters.Configuration} VAE, batch {Parameters.BatchSize}, {Hardware}, ") +
               FormattableString.Invariant($"{Threads} thread{(Threads == 1 ? "" : "s")}; median (whiskers: quartiles) of {rounds} interleaved ") +
               $"round{(rounds == 1 ? "" : "s")}; the paper's times are a Tesla P100's with CUDA graphs: compare shapes, not milliseconds";
    }
}

/// <summary>
/// The ZGR paper's Fig. 5 on this machine (Shekhovtsov 2023: "time of a forward-backward pass per batch" of each estimator): for
/// every estimator, a single-member VAE whose forward–backward pass (<see cref="Trainer.ForwardBackward"/>: encoder, estimator,
/// decoder, loss, backward; no optimiser update) is timed on batches of MNIST images, in interleaved rounds with ST, so that the
/// ratio to ST of each round compares passes timed within moments of each other.
/// </summary>
/// <remarks>
/// Timing is not a stored result of an analysis: it belongs to the machine and the moment, and is measured again at each call.
/// The numbers depend on the load of the machine; the shape (which estimators cost a multiple of ST, how GR-MCK grows with K) is
/// what a reader can compare with the paper's figure.
/// </remarks>
public static class StepTiming
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
    public static StepTimingResult Measure(StepTimingParameters parameters, Tensor images, Device device, IProgress<string>? progress = null)
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
                var seconds = samples[i].Seconds;
                var ratio = samples[i].RatioTo(samples[baseline]);
                return (e.Title, Spec: estimators[i].Spec, Nfe: estimators[i].ObjectiveEvaluations ?? 1, Seconds: seconds, Ratio: ratio,
                    samples[i].InvocationsPerBlock);
            }).ToList();
            var table = new DataFrame(
                new StringDataFrameColumn(Columns.Estimator, rows.Select(r => r.Title)),
                new StringDataFrameColumn(Columns.Spec, rows.Select(r => r.Spec)),
                new Int32DataFrameColumn(Columns.Nfe, rows.Select(r => r.Nfe)),
                new DoubleDataFrameColumn(Columns.MedianMs, rows.Select(r => r.Seconds.Median * 1e3)),
                new DoubleDataFrameColumn(Columns.Q1Ms, rows.Select(r => r.Seconds.LowerQuartile * 1e3)),
                new DoubleDataFrameColumn(Columns.Q3Ms, rows.Select(r => r.Seconds.UpperQuartile * 1e3)),
                new DoubleDataFrameColumn(Columns.VsSt, rows.Select(r => r.Ratio.Median)),
                new DoubleDataFrameColumn(Columns.VsStQ1, rows.Select(r => r.Ratio.LowerQuartile)),
                new DoubleDataFrameColumn(Columns.VsStQ3, rows.Select(r => r.Ratio.UpperQuartile)),
                new DoubleDataFrameColumn(Columns.SamplesPerS, rows.Select(r => b / r.Seconds.Median)),
                new Int32DataFrameColumn(Columns.Rounds, rows.Select(r => r.Seconds.Count)),
                new Int32DataFrameColumn(Columns.PassesPerBlock, rows.Select(r => r.InvocationsPerBlock)));
            string name = device.type == DeviceType.CUDA ? $"cuda:{device.index}" : device.type.ToString().ToLowerInvariant();
            return new StepTimingResult(table, name, HardwareOf(device), get_num_threads(), parameters);
        }
        finally
        {
            foreach (var trainer in trainers) trainer.Dispose();
        }
    }

    /// <summary>Times the estimators on the first images of <paramref name="data"/>'s training set.</summary>
    public static StepTimingResult Measure(StepTimingParameters parameters, TrainingData data, Device device, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var scope = NewDisposeScope();
        long n = Math.Min(data.Train.shape[0], (long)Batches * parameters.BatchSize);
        return Measure(parameters, data.Train.narrow(0, 0, n), device, progress);
    }

    private static string HardwareOf(Device device) =>
        device.type == DeviceType.CUDA
            ? $"CUDA device {device.index}"
            : string.Create(CultureInfo.InvariantCulture, $"CPU {Provenance.CpuName()} ({Environment.ProcessorCount} cores)");
}

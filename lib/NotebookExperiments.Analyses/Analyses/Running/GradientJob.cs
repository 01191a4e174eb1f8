using System.Diagnostics;
using NotebookExperiments.Estimators;
using NotebookExperiments.Gradients;
using NotebookExperiments.Training;
using static TorchSharp.torch;

namespace NotebookExperiments.Analyses;

/// <summary>One gradient-statistics unit of a <see cref="GradientJob"/>: N estimates of one estimator at one checkpoint against the exact gradient.</summary>
/// <param name="Key">The unit's key (<see cref="UnitKey"/>).</param>
/// <param name="Epoch">The checkpoint's epoch.</param>
/// <param name="Spec">The estimator's spec.</param>
/// <param name="GeneratorSeed">Seeds the estimator's draws (so that a resumed study draws what an uninterrupted one would).</param>
/// <param name="Unit">The unit recorded: from the statistics and the seconds they took; null when <see cref="Measure"/> gives it.</param>
public sealed record GradientUnit(string Key, int Epoch, string Spec, ulong GeneratorSeed, Func<GradientStatistics, double, object>? Unit)
{
    /// <summary>
    /// Measures the unit in place of N estimates' statistics against the exact gradient (null: those statistics, given to
    /// <see cref="Unit"/>), e.g. the batch-size view's errors at several batch sizes.
    /// </summary>
    public GradientMeasure? Measure { get; init; }
}

/// <summary>Measures one unit of a <see cref="GradientJob"/> at a checkpoint and returns what is recorded.</summary>
/// <param name="problem">The checkpoint's model on the batch, with its exact gradient.</param>
/// <param name="model">The checkpoint's trainer (its model).</param>
/// <param name="images">The batch <c>[B, 784]</c>.</param>
/// <param name="generator">The unit's generator, seeded with <see cref="GradientUnit.GeneratorSeed"/>.</param>
public delegate object GradientMeasure(VaeGradientProblem problem, Trainer model, Tensor images, Generator generator);

/// <summary>Chooses the batch of images <c>[B, 784]</c> on which a checkpoint's gradients are compared.</summary>
/// <param name="model">The checkpoint's trainer (its model and data order).</param>
/// <param name="epoch">The checkpoint's epoch.</param>
/// <param name="environment">The data and the device.</param>
public delegate Tensor GradientBatch(Trainer model, int epoch, AnalysisEnvironment environment);

/// <summary>
/// A reference model trained (or found trained) with checkpoints, and at each checkpoint N estimates of several estimators
/// compared with the exact gradient by enumeration: the job of the bias/variance study (one per seed) and of the η × τ₂ map, of
/// the temperature study's gradient part, and of the batch-size view (whose units measure their own errors, <see cref="GradientUnit.Measure"/>).
/// </summary>
/// <remarks>
/// The reference model's checkpoints are kept under <c>work/reference-&lt;hash&gt;</c>, the hash naming the training and the
/// checkpoint epochs, so that every parameter set that studies the same model (another estimator added, say) reuses it. The job
/// is not split across shards: its units need the same model.
/// </remarks>
/// <param name="key">The job's name, e.g. <c>seed=3</c>.</param>
/// <param name="label">What it is, e.g. <c>seed 3 (4 of 10)</c>.</param>
/// <param name="training">How the reference model is trained.</param>
/// <param name="checkpointEpochs">The epochs whose checkpoints are studied.</param>
/// <param name="units">The statistics to measure.</param>
/// <param name="samples">Estimates per unit.</param>
/// <param name="batch">The batch of a checkpoint.</param>
/// <param name="trainImages">Training images available (to count the reference model's steps).</param>
public sealed class GradientJob(string key, string label, ReferenceTraining training, IReadOnlyList<int> checkpointEpochs, IReadOnlyList<GradientUnit> units,
    int samples, GradientBatch batch, long trainImages) : AnalysisJob(key, units.Select(u => u.Key).ToList())
{
    /// <summary>How the reference model is trained.</summary>
    public ReferenceTraining Training { get; } = training;

    /// <summary>The studied checkpoints' epochs, ascending.</summary>
    public IReadOnlyList<int> CheckpointEpochs { get; } = checkpointEpochs.Distinct().Order().ToList();

    /// <summary>The statistics to measure.</summary>
    public IReadOnlyList<GradientUnit> GradientUnits { get; } = units;

    /// <summary>Estimates per unit.</summary>
    public int Samples { get; } = samples;

    /// <summary>
    /// Another analysis whose result folder, beside this one's, may already hold the reference model (the temperature study's, for
    /// the batch-size view): its checkpoints are read from there when all are there, and trained here otherwise. Null: none.
    /// </summary>
    public string? SharedWith { get; init; }

    /// <summary>Training steps of the reference model.</summary>
    public double TrainingSteps { get; } = training.Steps(trainImages);

    private double UnitCost => Samples * ProgressMeter.StepsPerEstimate;

    /// <inheritdoc />
    public override double Cost => TrainingSteps + GradientUnits.Count * UnitCost;

    /// <inheritdoc />
    public override string Label => $"{label}: a {Training.Configuration} model and {GradientUnits.Count} statistics";

    /// <inheritdoc />
    public override double LongestPiece(bool checkpointEnsembles)
    {
        double stepsPerEpoch = TrainingSteps / Training.Epochs;
        int longestGap = CheckpointEpochs.Select((e, i) => e - (i == 0 ? 0 : CheckpointEpochs[i - 1])).DefaultIfEmpty(Training.Epochs).Max();
        return Math.Max(longestGap * stepsPerEpoch, UnitCost);
    }

    /// <inheritdoc />
    internal override double FinishedCost(ResultStore store)
    {
        int finished = GradientUnits.Count(u => store.Contains(u.Key));
        return finished == GradientUnits.Count ? Cost : finished * UnitCost;
    }

    /// <summary>The folder of the reference model's checkpoints under <paramref name="workDirectory"/>.</summary>
    internal string Directory(string workDirectory) => DirectoryOf(workDirectory, Training, CheckpointEpochs);

    /// <summary>
    /// The folder under <paramref name="workDirectory"/> of the reference model trained as <paramref name="training"/> with checkpoints at
    /// <paramref name="checkpointEpochs"/> (ascending, distinct): where a <see cref="GradientJob"/> of that model keeps it, so that
    /// another view of the same checkpoint finds it.
    /// </summary>
    internal static string DirectoryOf(string workDirectory, ReferenceTraining training, IReadOnlyList<int> checkpointEpochs) =>
        Path.Combine(workDirectory, "reference-" + UnitKey.Hash(new { Training = training, CheckpointEpochs = checkpointEpochs }));

    /// <inheritdoc />
    internal override void Run(JobContext context)
    {
        var store = context.Store;
        if (GradientUnits.All(u => store.Contains(u.Key))) return;
        var environment = context.Environment;
        var directory = Directory(context.WorkDirectory);
        if (SharedWith is not null)
        {
            var theirs = Directory(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(environment.OutputDirectory))!, SharedWith, "work"));
            if (ReferenceTraining.IsTrained(theirs, CheckpointEpochs)) directory = theirs;
        }
        if (Training.EnsureTrained(directory, CheckpointEpochs, environment, context.Meter, label) == 0) context.Meter.Complete(TrainingSteps);
        foreach (var epoch in CheckpointEpochs)
        {
            var pending = GradientUnits.Where(u => u.Epoch == epoch && !store.Contains(u.Key)).ToList();
            if (pending.Count == 0) continue;
            using var scope = NewDisposeScope();
            using var trainer = ReferenceTraining.Load(directory, epoch, environment.Device);
            var images = batch(trainer, epoch, environment);
            context.Meter.Report($"{label}, epoch {epoch}: exact gradient (C^L states)");
            var problem = new VaeGradientProblem(trainer.Model, images);
            foreach (var unit in pending)
            {
                environment.Cancellation.ThrowIfCancellationRequested();
                context.Meter.Report($"{label}, epoch {epoch}: {Samples} estimates of {unit.Spec}");
                var clock = Stopwatch.StartNew();
                using var generator = new Generator(unit.GeneratorSeed, environment.Device);
                var recorded = unit.Measure is { } measure
                    ? measure(problem, trainer, images, generator)
                    : unit.Unit!(problem.Measure(EstimatorCatalog.Default.Create(unit.Spec), Samples, generator, cancellation: environment.Cancellation),
                        clock.Elapsed.TotalSeconds);
                context.Record(unit.Key, recorded);
                context.Meter.Complete(UnitCost);
            }
        }
    }

    /// <inheritdoc />
    internal override string ProbeSignature =>
        $"gradients|{Training}|{Samples}|" + string.Join(";", GradientUnits.Select(u => u.Spec).Order(StringComparer.Ordinal));

    /// <inheritdoc />
    internal override double MeasureSecondsPerCost(JobTimer context)
    {
        double training = context.SecondsPerReferenceStep(Training) * TrainingSteps;
        double estimates = GradientUnits.Sum(u => context.SecondsPerEstimate(Training.Configuration, u.Spec) * Samples);
        double oracles = CheckpointEpochs.Count * context.SecondsPerOracle(Training.Configuration);
        return (training + estimates + oracles) / Cost;
    }
}

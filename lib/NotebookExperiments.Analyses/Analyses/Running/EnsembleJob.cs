using System.Security.Cryptography;
using System.Text;
using NotebookExperiments.Estimators;
using NotebookExperiments.Training;
using static NotebookExperiments.Analyses.Phrases;

namespace NotebookExperiments.Analyses;

/// <summary>One training run of an <see cref="EnsembleJob"/>: the unit it produces and how its result becomes that unit.</summary>
/// <param name="Key">The unit's key (<see cref="UnitKey"/>).</param>
/// <param name="Member">Estimator, learning rate and seed.</param>
/// <param name="Unit">The unit recorded for the finished run (a record of the analysis, serialised as JSON).</param>
public sealed record EnsembleRun(string Key, TrainingMember Member, Func<MemberResult, object> Unit)
{
    /// <summary>
    /// The key of a training run labelled <paramref name="label"/>: a hash of everything its numbers depend on — configuration,
    /// optimiser, epochs, batch size, the training images used, binarisation, when the test −ELBO is computed, the estimator's
    /// identity (<see cref="EstimatorCatalog.IdentityOf"/>), learning rate and seed.
    /// </summary>
    public static string KeyOf(string label, TrainingOptions options, long trainImages, TrainingMember member) =>
        UnitKey.Of(label, new
        {
            configuration = options.Configuration.Name,
            optimizer = options.Optimizer.ToString(),
            epochs = options.Epochs,
            batch_size = options.BatchSize,
            train_images = options.TrainSize is int limit ? Math.Min(limit, trainImages) : trainImages,
            dynamic_binarization = options.DynamicBinarization,
            test_elbo = !options.ComputeTestLoss ? "none" : options.TestEveryEpoch ? "every epoch" : "last epoch",
            estimator = EstimatorCatalog.Default.IdentityOf(member.Estimator),
            learning_rate = member.LearningRate,
            seed = member.Seed,
        });
}

/// <summary>
/// Training runs of one configuration and optimiser trained together as one batched model (members differ in estimator, learning
/// rate and seed; <see cref="Trainer"/>): the job of the β sweep, the temperature study's training part and the −ELBO table.
/// </summary>
/// <remarks>
/// Runs already in the store are left out; the others train together and each is recorded when the ensemble ends. With
/// checkpoints, the ensemble writes one after every epoch (the latest only) under <c>work/ensemble-&lt;hash&gt;</c> and resumes from it
/// after a crash or a requeue; without, an interrupted ensemble starts over. Splitting the job (<see cref="Split"/>, for shards)
/// trains the same runs in smaller ensembles, which changes their numbers only by float rounding.
/// </remarks>
/// <param name="key">The job's name, e.g. <c>8x4|ensemble=0</c>.</param>
/// <param name="label">What it is, e.g. <c>8x4</c>.</param>
/// <param name="options">Options shared by the runs (the device is the environment's).</param>
/// <param name="runs">The runs.</param>
/// <param name="stepsPerRun">Training steps of one run (epochs × batches per epoch on the data it will see).</param>
/// <param name="checkpoint">Whether the ensemble checkpoints every epoch even when the environment does not ask for it.</param>
public sealed class EnsembleJob(string key, string label, TrainingOptions options, IReadOnlyList<EnsembleRun> runs, double stepsPerRun, bool checkpoint = false)
    : AnalysisJob(key, runs.Count > 0 ? runs.Select(r => r.Key).ToList() : throw new ArgumentException("An ensemble needs at least one run.", nameof(runs)))
{
    /// <summary>Options shared by the runs.</summary>
    public TrainingOptions Options { get; } = options;

    /// <summary>The runs.</summary>
    public IReadOnlyList<EnsembleRun> Runs { get; } = runs;

    /// <summary>Training steps of one run.</summary>
    public double StepsPerRun { get; } = stepsPerRun;

    /// <summary>Whether it checkpoints every epoch whatever the environment says.</summary>
    public bool Checkpoint { get; } = checkpoint;

    /// <summary><paramref name="runs"/> in order, as ensembles of at most <paramref name="size"/> runs keyed <c>&lt;key&gt;|ensemble=&lt;i&gt;</c>
    /// (i from 0).</summary>
    public static IEnumerable<EnsembleJob> InEnsemblesOf(int size, string key, string label, TrainingOptions options, IEnumerable<EnsembleRun> runs,
        double stepsPerRun) =>
        runs.Chunk(size).Select((part, i) => new EnsembleJob(FormattableString.Invariant($"{key}|ensemble={i}"), label, options, part, stepsPerRun));

    /// <inheritdoc />
    public override double Cost => Runs.Count * StepsPerRun;

    /// <inheritdoc />
    public override string Label => $"{label}: {Count(Runs.Count, "run")}";

    /// <inheritdoc />
    public override int MaxParts => Runs.Count;

    /// <inheritdoc />
    public override IReadOnlyList<AnalysisJob> Split(int parts)
    {
        if (parts < 1 || parts > MaxParts) throw new ArgumentOutOfRangeException(nameof(parts), parts, $"{Key} splits into 1..{MaxParts} parts.");
        if (parts == 1) return [this];
        var jobs = new List<AnalysisJob>();
        for (int p = 0, start = 0; p < parts; p++)
        {
            int size = Runs.Count / parts + (p < Runs.Count % parts ? 1 : 0);
            jobs.Add(new EnsembleJob(FormattableString.Invariant($"{Key}/part={p + 1}of{parts}"), label, Options, Runs.Skip(start).Take(size).ToList(),
                StepsPerRun, Checkpoint));
            start += size;
        }
        return jobs;
    }

    /// <inheritdoc />
    public override double LongestPiece(bool checkpointEnsembles) =>
        Checkpoint || checkpointEnsembles ? Cost / Options.Epochs : Cost;

    /// <inheritdoc />
    internal override double FinishedCost(ResultStore store) => Runs.Count(r => store.Contains(r.Key)) * StepsPerRun;

    /// <inheritdoc />
    internal override void Run(JobContext context)
    {
        var pending = Runs.Where(r => !context.Store.Contains(r.Key)).ToList();
        if (pending.Count == 0) return;
        var environment = context.Environment;
        var options = Options with { Device = environment.Device };
        var members = pending.Select(r => r.Member).ToList();
        // An ensemble that checkpointed before (a run under Slurm, say) goes on from its checkpoint, whatever this run asks for.
        var directory = Path.Combine(context.WorkDirectory, "ensemble-" + Hash(options, members));
        bool checkpoints = Checkpoint || context.CheckpointEnsembles || Directory.Exists(directory);
        double planned = 0;
        var progress = new SynchronousProgress<TrainingProgress>(p =>
        {
            planned = (double)p.Epochs * p.Batches;
            if (p.Finished is not null && checkpoints) environment.Saved.Checkpoint();
            context.Meter.Report($"{label}: {Count(pending.Count, "run")} together, epoch {p.Epoch}/{p.Epochs}, batch {p.Batch}/{p.Batches}",
                pending.Count * ((p.Epoch - 1.0) * p.Batches + p.Batch));
        });
        IReadOnlyList<MemberResult> results;
        if (checkpoints)
        {
            if (NotebookExperiments.Training.Checkpoint.Latest(Path.Combine(directory, "checkpoints")) is { } latest)
                environment.Log?.Invoke($"{label}: {Count(pending.Count, "run")} resume from the checkpoint {Path.GetFileName(latest)}");
            var withCheckpoints = options with { CheckpointEpochs = Enumerable.Range(1, options.Epochs).ToList(), KeepOnlyLatestCheckpoint = true };
            results = TrainingSession.Run(withCheckpoints, members, environment.Data, directory, resume: true, progress, environment.Cancellation);
        }
        else
        {
            using var trainer = new Trainer(options, members);
            results = trainer.Run(environment.Data, progress, environment.Cancellation);
        }
        context.Meter.Complete(pending.Count * planned);
        for (int i = 0; i < pending.Count; i++) context.Record(pending[i].Key, pending[i].Unit(results[i]));
        if (checkpoints) Directory.Delete(directory, recursive: true);
    }

    /// <inheritdoc />
    internal override string ProbeSignature =>
        $"ensemble|{Options.Configuration}|{Options.Optimizer}|{Options.BatchSize}|{Options.DynamicBinarization}|{Runs.Count}|" +
        string.Join(";", Runs.Select(r => r.Member.Estimator).Order(StringComparer.Ordinal));

    /// <inheritdoc />
    internal override double MeasureSecondsPerCost(JobTimer context)
    {
        var options = Options with { Device = context.Device, CheckpointEpochs = [], CheckpointDirectory = null };
        using var trainer = new Trainer(options, Runs.Select(r => r.Member).ToList());
        double seconds = context.TimeSteps(trainer, Runs.Count, Options.BatchSize);
        return seconds / Runs.Count;
    }

    /// <summary>The folder name of an ensemble's checkpoints: a hash of its options and members.</summary>
    private static string Hash(TrainingOptions options, IReadOnlyList<TrainingMember> members) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{options.Configuration}|{options.Optimizer}|{options.Epochs}|{options.BatchSize}|{options.TrainSize}|{options.DynamicBinarization}|" +
            $"{options.ComputeTestLoss}|{options.TestEveryEpoch}|" + string.Join(";", members))))[..16];
}

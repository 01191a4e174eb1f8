using NotebookExperiments.Training;
using static TorchSharp.torch;

namespace NotebookExperiments.Analyses;

/// <summary>Progress of an analysis: finished units out of all, the work done out of the work planned, and what is running now.</summary>
/// <param name="Analysis">The analysis name, e.g. <c>beta-sweep</c>.</param>
/// <param name="Done">Finished units (including those found in the result store).</param>
/// <param name="Total">All units.</param>
/// <param name="Detail">What is running now, e.g. <c>8x4: 29 runs, epoch 3/50, batch 120/600</c>.</param>
/// <param name="Fraction">Progress of the running unit group in [0, 1] (used when no work is counted).</param>
/// <param name="WorkDone">Work done, in member-steps (training steps of each ensemble member; gradient estimates counted at
/// their cost in steps), including work found finished.</param>
/// <param name="WorkTotal">All the work planned, in the same unit; 0 when the analysis counts only units.</param>
/// <param name="Note">Why the run is slower than planned, or that it shares the cores (<see cref="PaceWatch"/>); null otherwise.</param>
/// <param name="Behind">Whether the run is far behind its plan (then <paramref name="Note"/> says why).</param>
public sealed record AnalysisProgress(string Analysis, int Done, int Total, string Detail, double Fraction = 0, double WorkDone = 0, double WorkTotal = 0,
    string? Note = null, bool Behind = false)
{
    /// <summary>How far the analysis is, in [0, 1]: work done over work planned, or (without counted work) units and the running fraction.</summary>
    public double Progress => WorkTotal > 0 ? Math.Clamp(WorkDone / WorkTotal, 0, 1)
        : Total <= 0 ? 1 : Math.Clamp((Done + Fraction) / Total, 0, 1);
}

/// <summary>Where and how an analysis runs: its result folder, the data, the device, progress and cancellation.</summary>
/// <param name="OutputDirectory">The analysis's folder (e.g. <c>results/beta-sweep</c>): result store, work files, CSV, figures.</param>
/// <param name="Data">MNIST images.</param>
/// <param name="Device">The compute device.</param>
/// <param name="Progress">Receives progress (synchronously, on the running thread).</param>
/// <param name="Cancellation">Stops between steps; finished units stay recorded and the run resumes later.</param>
/// <param name="Scope">Which units this process runs (null: all); with a shard or a merge, the result is returned only when
/// every shard's units are there, otherwise <see cref="MissingUnitsException"/> says which are missing.</param>
public sealed record AnalysisEnvironment(
    string OutputDirectory,
    TrainingData Data,
    Device Device,
    IProgress<AnalysisProgress>? Progress = null,
    CancellationToken Cancellation = default,
    RunScope? Scope = null)
{
    /// <summary>The scope, all units when none was given.</summary>
    public RunScope RunScope => Scope ?? RunScope.All;

    /// <summary>
    /// Checkpoint every ensemble after every epoch whatever the parameters say (a run under Slurm, which may be requeued at any
    /// moment, or with a time limit).
    /// </summary>
    public bool CheckpointEnsembles { get; init; }

    /// <summary>
    /// The device kind of the stored units to use: the compute device's (the default), or, for a merge that computes nothing,
    /// the device the shards ran on; null accepts the one device the folder's units were computed on.
    /// </summary>
    public string? ResultsDevice { get; init; } = Device.type.ToString().ToLowerInvariant();

    /// <summary>Counts what the run saves (units, checkpoints), so that a stopped run can say whether it got anywhere.</summary>
    public SavedProgress Saved { get; init; } = new();

    /// <summary>Receives notable events as lines (a job resuming from its checkpoint, units files left unread and why); the command line prints them.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>What started the run, for the provenance (a command line, a notebook's name); null for this process's command line.</summary>
    public string? Command { get; init; }

    /// <summary>
    /// The plan printed before the run (<see cref="PlanEstimate"/>), against which the progress line checks the pace and says why
    /// when the run falls far behind it; null when none was made.
    /// </summary>
    public PlanEstimate? Plan { get; init; }

    /// <summary>
    /// Where a run made of several processes began, for the provenance of the merge that ends it (<c>--jobs</c>): when it started,
    /// how many units were found finished then, and the threads each process had alone. Null: this process is the whole run.
    /// </summary>
    public RunOrigin? Origin { get; init; }
}

/// <summary>The start of a run whose units were computed by other processes (the shards of <c>--jobs</c>) and that a merge ends.</summary>
/// <param name="Started">When the run started.</param>
/// <param name="UnitsFound">Units found finished when it started.</param>
/// <param name="Threads">The threads each of its processes had alone (their nominal count, which fixes the numbers).</param>
public sealed record RunOrigin(DateTimeOffset Started, int UnitsFound, int Threads);

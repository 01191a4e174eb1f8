namespace NotebookExperiments.Analyses;

/// <summary>
/// A piece of an analysis that runs as one: an ensemble of training runs trained together (<see cref="EnsembleJob"/>), or a
/// reference model with the gradient statistics measured at its checkpoints (<see cref="GradientJob"/>). Every job produces
/// units (<see cref="Units"/>), records each in the result store as it finishes, and skips those already there, so any job can
/// be stopped and run again. The same list of jobs drives a single process, the shards of a sharded run, the Slurm array and
/// the plan printed before a run.
/// </summary>
/// <param name="key">A stable name, unique within the analysis's jobs, e.g. <c>8x4|ensemble=0</c>.</param>
/// <param name="units">The keys of the units it produces (<see cref="UnitKey"/>).</param>
public abstract class AnalysisJob(string key, IReadOnlyList<string> units)
{
    /// <summary>A stable name, unique within the analysis's jobs.</summary>
    public string Key { get; } = key;

    /// <summary>The keys of the units it produces.</summary>
    public IReadOnlyList<string> Units { get; } = units;

    /// <summary>Its work in member-steps: training steps of every member, a gradient estimate at its cost in steps.</summary>
    public abstract double Cost { get; }

    /// <summary>What it is, for progress lines and plans, e.g. <c>8x4: 13 runs together</c>.</summary>
    public abstract string Label { get; }

    /// <summary>Into how many jobs it can be split at most (1: it cannot be split).</summary>
    public virtual int MaxParts => 1;

    /// <summary>
    /// This job as <paramref name="parts"/> jobs that together produce the same units (an ensemble split into smaller ones);
    /// only for 1 ≤ <paramref name="parts"/> ≤ <see cref="MaxParts"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parts"/> out of range.</exception>
    public virtual IReadOnlyList<AnalysisJob> Split(int parts) =>
        parts == 1 ? [this] : throw new ArgumentOutOfRangeException(nameof(parts), parts, $"{Key} cannot be split.");

    /// <summary>
    /// The most work, in member-steps, that runs between two points where the job's progress is on disk (a finished unit or a
    /// checkpoint): what a time limit must leave room for.
    /// </summary>
    /// <param name="checkpointEnsembles">Whether ensembles checkpoint after every epoch.</param>
    public abstract double LongestPiece(bool checkpointEnsembles);

    /// <summary>The work already done in <paramref name="store"/> (finished units), in member-steps.</summary>
    internal abstract double FinishedCost(ResultStore store);

    /// <summary>Runs the units not yet in the store and records each as it finishes.</summary>
    internal abstract void Run(JobContext context);

    /// <summary>Times a few steps of this job's work on synthetic data (<see cref="PlanEstimate"/>); returns seconds per member-step.</summary>
    internal abstract double MeasureSecondsPerCost(JobTimer context);

    /// <summary>What makes two jobs cost the same per member-step (a probe of one serves the other), e.g. configuration, optimiser and members' estimators.</summary>
    internal abstract string ProbeSignature { get; }
}

using NotebookExperiments.Training;

namespace NotebookExperiments.Analyses;

/// <summary>
/// The step timing's one job (<see cref="StepTiming"/>): every estimator timed in interleaved rounds on the first batches of the
/// training images, recorded as one unit. It cannot be split: the ratios to ST are taken round by round within one process.
/// </summary>
/// <param name="parameters">What to time and how long.</param>
/// <param name="unit">The unit's key.</param>
internal sealed class StepTimingJob(StepTimingParameters parameters, string unit) : AnalysisJob("step-timing", [unit])
{
    /// <inheritdoc />
    /// <remarks>One forward–backward pass counts as a step: every estimator's warm-up passes and one pass per round (at least).</remarks>
    public override double Cost => parameters.Estimators.Count * (parameters.Plan.WarmupInvocations + parameters.Plan.Rounds);

    /// <inheritdoc />
    public override string Label => $"step timing: {parameters.Estimators.Count} estimators, {Phrases.Count(parameters.Plan.Rounds, "round")}";

    /// <inheritdoc />
    public override double LongestPiece(bool checkpointEnsembles) => Cost;

    /// <inheritdoc />
    internal override double FinishedCost(ResultStore store) => store.Contains(Units[0]) ? Cost : 0;

    /// <inheritdoc />
    internal override void Run(JobContext context)
    {
        if (context.Store.Contains(Units[0])) return;
        var environment = context.Environment;
        var progress = new SynchronousProgress<string>(line => context.Meter.Report($"step timing: {line}"));
        context.Record(Units[0], StepTiming.Measure(parameters, environment.Data, environment.Device, progress));
        context.Meter.Complete(Cost);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The plan fixes the time: each estimator's warm-up and its rounds of blocks, spread over the counted passes; but a counted pass
    /// takes at least one ST training step of the configuration, measured here (a block holds at least one pass, however short).
    /// </remarks>
    internal override double MeasureSecondsPerCost(JobTimer context)
    {
        var plan = parameters.Plan;
        double planned = parameters.Estimators.Count * (plan.WarmupTime + plan.Rounds * plan.BlockTime).TotalSeconds;
        var step = new ReferenceTraining(parameters.Configuration, "st:tau=1", OptimizerKind.Adam, 1e-3, 1, null, parameters.Seed, parameters.BatchSize);
        return Math.Max(planned / Cost, context.SecondsPerReferenceStep(step));
    }

    /// <inheritdoc />
    internal override string ProbeSignature => Units[0];
}

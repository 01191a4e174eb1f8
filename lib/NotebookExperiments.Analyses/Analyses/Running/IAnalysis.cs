namespace NotebookExperiments.Analyses;

/// <summary>
/// An analysis as the command line, <c>reproduce</c>, Slurm and the report see it, whatever its parameters and results: a name,
/// its parameters record (whose knobs a user may change), and a way to bind a preset with overrides into a runnable
/// <see cref="IPreparedAnalysis"/>. Every analysis is an <see cref="Analysis{TParameters, TResult}"/> listed in <see cref="AnalysisRegistry"/>.
/// </summary>
public interface IAnalysis
{
    /// <summary>The name: the command, the result folder (<c>results/&lt;name&gt;</c>), the store's analysis.</summary>
    string Name { get; }

    /// <summary>One line for <c>--help</c>: what it computes and which figure or table of which paper.</summary>
    string Summary { get; }

    /// <summary>The parameters record (e.g. <see cref="BetaSweepParameters"/>), whose knobs (<see cref="Override.Knobs"/>) a user may change.</summary>
    Type ParametersType { get; }

    /// <summary>The preset <paramref name="preset"/> with <paramref name="overrides"/> (values by knob name, <see cref="Override.Apply{TParameters}"/>), normalised and validated.</summary>
    /// <exception cref="ArgumentException">An unknown preset, or an override out of range; the message names it.</exception>
    IPreparedAnalysis Prepare(string preset, IEnumerable<KeyValuePair<string, object?>> overrides);

    /// <summary>
    /// Whatever results of this analysis <paramref name="directory"/> (its folder, e.g. <c>results/beta-sweep</c>) holds: the
    /// parameters and provenance of the last run, how many of its units are in the result store, and its files and tables rebuilt
    /// from those units — complete or partial — for the reproduction report.
    /// </summary>
    /// <param name="directory">The analysis's result folder; it need not exist.</param>
    /// <param name="trainImages">The size of the training set the units were keyed with (60,000 for MNIST).</param>
    StoredResults ReadResults(string directory, long trainImages = StoredResults.MnistTrainImages);
}

/// <summary>An analysis bound to its parameters, ready to plan and run.</summary>
public interface IPreparedAnalysis
{
    /// <summary>The analysis.</summary>
    IAnalysis Analysis { get; }

    /// <summary>The parameters (the analysis's parameters record).</summary>
    object Parameters { get; }

    /// <summary>One line: the parameters actually run, and whether they are the paper's protocol.</summary>
    string Describe();

    /// <summary>The jobs on a training set of <paramref name="trainImages"/> images (60,000 for MNIST).</summary>
    IReadOnlyList<AnalysisJob> Jobs(long trainImages);

    /// <summary>Whether the parameters ask every ensemble to checkpoint after every epoch.</summary>
    bool CheckpointsEnsembles { get; }

    /// <summary>Runs the analysis (<see cref="AnalysisRunner"/>): its units, then its files in the result folder.</summary>
    AnalysisOutcome Run(AnalysisEnvironment environment);

    /// <summary>What a run would do now and, with <paramref name="measure"/>, how long it would take here (<see cref="AnalysisRunner.Estimate"/>).</summary>
    PlanEstimate Estimate(AnalysisEnvironment environment, bool measure);
}

using NotebookExperiments.Native;

namespace NotebookExperiments.Analyses;

/// <summary>
/// Counts an analysis's work as it is done, in member-steps (one training step of one ensemble member; a gradient unit of N
/// estimates counts as <see cref="StepsPerEstimate"/>·N), and reports it with the finished units and what runs now, so that a
/// progress bar moves with the members' steps rather than with finished units (an ensemble of 16 runs finishes its 16 units
/// only at its last step).
/// </summary>
internal sealed class ProgressMeter(string analysis, AnalysisEnvironment environment, Func<int> doneUnits, int totalUnits, double totalWork)
{
    private readonly PaceWatch _pace = PaceWatch.For(environment.Plan);

    /// <summary>
    /// The cost of one estimate of the encoder-logit gradient on a batch of 100 of the 8×4 VAE relative to one training step,
    /// measured here (about 1.5–2.7 ms per estimate against 7 ms per step; README, Performance): only the progress bar and
    /// its time estimate use it.
    /// </summary>
    public const double StepsPerEstimate = 0.25;

    /// <summary>Training steps of one run: epochs × batches per epoch, on the first <paramref name="trainSize"/> (null: all) of
    /// <paramref name="trainImages"/>.</summary>
    public static double StepsOf(int epochs, int? trainSize, long trainImages, int batchSize) =>
        (double)epochs * ((Math.Min(trainSize ?? long.MaxValue, trainImages) + batchSize - 1) / batchSize);

    /// <summary>All the work planned.</summary>
    public double Total { get; } = totalWork;

    /// <summary>The work finished (including work found finished in the result store).</summary>
    public double Completed { get; private set; }

    /// <summary>Adds finished work.</summary>
    public void Complete(double work) => Completed = Math.Min(Total, Completed + work);

    /// <summary>
    /// Reports the state: finished work plus <paramref name="partialWork"/> done so far in the running job, with a note when the run
    /// shares the cores or falls far behind its plan (<see cref="PaceWatch"/>).
    /// </summary>
    public void Report(string detail, double partialWork = 0)
    {
        if (environment.Progress is not { } progress) return;
        double work = Math.Min(Total, Completed + partialWork);
        _pace.Observe(work);
        progress.Report(new AnalysisProgress(analysis, doneUnits(), totalUnits, detail, 0, work, Total, _pace.Note(TorchThreads.State), _pace.IsBehind));
    }
}

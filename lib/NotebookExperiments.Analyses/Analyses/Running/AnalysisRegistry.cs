namespace NotebookExperiments.Analyses;

/// <summary>
/// Every analysis: the command line makes one command per entry, the report has one section per entry, and <c>reproduce</c> and
/// Slurm run any of them by name, so a new analysis is one more <see cref="Analysis{TParameters, TResult}"/> listed here, in
/// <see cref="Main"/> or <see cref="SideViews"/>.
/// </summary>
public static class AnalysisRegistry
{
    /// <summary>The main job, in the order <c>reproduce</c> (<c>reproduce all</c>) runs them: β sweep, bias/variance, temperature study, −ELBO table.</summary>
    public static IReadOnlyList<IAnalysis> Main { get; } = [new BetaSweep(), new BiasVarianceStudy(), new TemperatureStudy(), new ElboTable()];

    /// <summary>
    /// The side views of the main analyses, run only when named (their command, or <c>reproduce &lt;name&gt;</c>): the batch-size view and
    /// the step timing of the temperature study, the η × τ₂ map of ReinMax-CV of the bias/variance study.
    /// </summary>
    public static IReadOnlyList<IAnalysis> SideViews { get; } = [new BatchSize(), new StepTiming(), new ControlVariateGrid()];

    /// <summary>Every analysis: <see cref="Main"/>, then <see cref="SideViews"/> (the report's order).</summary>
    public static IReadOnlyList<IAnalysis> All { get; } = [.. Main, .. SideViews];

    /// <summary>The analysis named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No analysis has that name; the message lists them.</exception>
    public static IAnalysis Find(string name) =>
        All.FirstOrDefault(a => a.Name == name) ?? throw new ArgumentException($"Unknown analysis '{name}'. Accepted: {string.Join(", ", All.Select(a => a.Name))}.");
}

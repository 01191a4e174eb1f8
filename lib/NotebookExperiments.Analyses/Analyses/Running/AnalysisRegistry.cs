namespace NotebookExperiments.Analyses;

/// <summary>
/// Every analysis, in the order <c>reproduce all</c> runs them: the command line makes one command per entry and Slurm, the
/// report and <c>reproduce</c> loop over them, so a new analysis is one more <see cref="Analysis{TParameters, TResult}"/>
/// listed here.
/// </summary>
public static class AnalysisRegistry
{
    /// <summary>The analyses: β sweep, bias/variance, temperature study, −ELBO table.</summary>
    public static IReadOnlyList<IAnalysis> All { get; } = [new BetaSweep(), new BiasVarianceStudy(), new TemperatureStudy(), new ElboTable()];

    /// <summary>The analysis named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No analysis has that name; the message lists them.</exception>
    public static IAnalysis Find(string name) =>
        All.FirstOrDefault(a => a.Name == name) ?? throw new ArgumentException($"Unknown analysis '{name}'. Accepted: {string.Join(", ", All.Select(a => a.Name))}.");
}

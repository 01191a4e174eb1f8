namespace NotebookExperiments.Analyses;

/// <summary>What a running job uses: the result store it records units in, the environment, the progress meter and where it may keep work files.</summary>
/// <param name="Store">The analysis's store.</param>
/// <param name="Environment">Data, device, progress and cancellation.</param>
/// <param name="Meter">Counts the work done.</param>
/// <param name="CheckpointEnsembles">Whether ensembles checkpoint after every epoch (and resume from it after a crash).</param>
internal sealed record JobContext(ResultStore Store, AnalysisEnvironment Environment, ProgressMeter Meter, bool CheckpointEnsembles)
{
    /// <summary>The folder of work files (checkpoints) under the result folder: <c>work/</c>.</summary>
    public string WorkDirectory => Path.Combine(Environment.OutputDirectory, "work");

    /// <summary>Records a finished unit in the store and counts it as saved.</summary>
    public void Record(string key, object unit)
    {
        Store.Append(key, unit);
        Environment.Saved.Unit();
    }
}

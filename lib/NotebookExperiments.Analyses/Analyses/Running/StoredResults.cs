namespace NotebookExperiments.Analyses;

/// <summary>How far the results of an analysis in a result folder go.</summary>
public enum StoredResultsState
{
    /// <summary>Nothing of the analysis is there: no provenance, no stored unit, no file.</summary>
    NotRun,

    /// <summary>Some of the units are stored, not all (a run stopped part-way, a shard, a merge that found units missing), or units
    /// are stored without the parameters that would say how many there should be.</summary>
    Partial,

    /// <summary>Every unit of the parameters run is stored.</summary>
    Complete,

    /// <summary>A finished run's files and provenance are there but none of its units can be read (the units files were removed, or were
    /// computed by another results revision or on another device), so nothing can be rebuilt from them.</summary>
    FilesOnly,
}

/// <summary>
/// What a result folder holds of one analysis (<see cref="IAnalysis.ReadResults"/>): the provenance of its last run (or of a run that
/// started and has not finished), how many of that run's units the result store holds, and — when it holds any — the analysis's
/// files and tables rebuilt from them exactly as a run writes them (<see cref="Analysis{TParameters, TResult}"/>'s
/// <c>Files</c> and <c>Tables</c>: figures with the published numbers drawn beside ours, the −ELBO table with its verdicts). A
/// partial store gives the same files and tables made of the units present.
/// </summary>
/// <param name="Analysis">The analysis.</param>
/// <param name="Directory">Its result folder.</param>
/// <param name="State">How far its results go.</param>
/// <param name="Provenance">The provenance of the run the results belong to: the started run's when one started after the last
/// finished run (<see cref="Running"/>), else the finished run's; null when the folder has neither.</param>
/// <param name="Running">Whether <see cref="Provenance"/> is that of a run that started and has not written its files.</param>
/// <param name="UnitsFound">The units of the run's parameters found in the store (every unit of the store when the parameters are unknown).</param>
/// <param name="Units">All units of the run's parameters; null when they are unknown.</param>
/// <param name="Files">The analysis's files rebuilt from the stored units (empty when none could be read).</param>
/// <param name="Tables">The analysis's tables rebuilt from the stored units.</param>
/// <param name="FilesPresent">The files of the folder a run writes (CSV, HTML, Markdown), by name, as they are on disk.</param>
/// <param name="Problems">What could not be read and why (units files of another revision or device, parameters naming an estimator
/// this process does not know).</param>
public sealed record StoredResults(IAnalysis Analysis, string Directory, StoredResultsState State, Provenance? Provenance, bool Running,
    int UnitsFound, int? Units, IReadOnlyList<ResultFile> Files, IReadOnlyList<ResultTable> Tables, IReadOnlyList<string> FilesPresent,
    IReadOnlyList<string> Problems)
{
    /// <summary>The size of MNIST's training set, which the units of a run on all of it are keyed with.</summary>
    public const long MnistTrainImages = 60_000;

    /// <summary>Whether there is anything to report: a stored unit or a finished run's files.</summary>
    public bool HasResults => State != StoredResultsState.NotRun;

    /// <summary>
    /// The state in a few words: <c>complete: 42 of 42 units</c>, <c>partial: 12 of 42 units</c>, <c>partial: 12 units (parameters
    /// not recorded)</c>, <c>files only: …</c> or <c>not run</c>.
    /// </summary>
    public string Describe() => State switch
    {
        StoredResultsState.Complete => $"complete: {UnitsFound} of {Units} units",
        StoredResultsState.Partial when Units is int all => $"partial: {UnitsFound} of {all} units",
        StoredResultsState.Partial => $"partial: {UnitsFound} units (parameters not recorded, so not how many the run needs)",
        StoredResultsState.FilesOnly => "files only: the finished run's files are there, its units are not readable",
        _ => "not run",
    };

    /// <summary>Reads what <paramref name="directory"/> holds of <paramref name="analysis"/>.</summary>
    internal static StoredResults Read<TParameters, TResult>(Analysis<TParameters, TResult> analysis, string directory,
        long trainImages)
        where TParameters : class, IAnalysisParameters<TParameters>
    {
        var problems = new List<string>();
        var present = System.IO.Directory.Exists(directory)
            ? System.IO.Directory.GetFiles(directory).Select(Path.GetFileName).OfType<string>()
                .Where(n => !n.StartsWith('.') && (n.EndsWith(".csv", StringComparison.Ordinal) || n.EndsWith(".html", StringComparison.Ordinal)
                                                   || n.EndsWith(".md", StringComparison.Ordinal)))
                .Order(StringComparer.Ordinal).ToList()
            : [];
        var finished = System.IO.Directory.Exists(directory) ? Provenance.ReadFrom(directory) : null;
        var started = System.IO.Directory.Exists(directory) ? Provenance.ReadStartedFrom(directory) : null;
        bool running = started is not null && (finished is null || started.Started > finished.Started);
        var provenance = running ? started : finished;
        var storeFiles = System.IO.Directory.Exists(directory) ? System.IO.Directory.GetFiles(directory, "units-*.jsonl") : [];
        if (provenance is null && storeFiles.Length == 0 && present.Count == 0)
            return new StoredResults(analysis, directory, StoredResultsState.NotRun, null, false, 0, null, [], [], [], []);

        ResultStore? store = null;
        if (storeFiles.Length > 0)
        {
            try
            {
                store = ResultStore.Open(directory, analysis.Name, provenance?.Device);
                problems.AddRange(store.Ignored.Select(i => $"{Path.GetFileName(i.Path)} not read: {i.Reason}"));
            }
            catch (InvalidDataException e)
            {
                problems.Add(e.Message);
            }
        }

        TParameters? parameters = null;
        if (provenance is not null)
        {
            try
            {
                parameters = analysis.ParametersOf(provenance);
            }
            catch (Exception e) when (e is ArgumentException or InvalidDataException)
            {
                problems.Add($"the parameters in the provenance cannot be used here: {e.Message}");
            }
        }

        if (parameters is null)
        {
            int count = store?.Count ?? 0;
            var known = count > 0 ? StoredResultsState.Partial : provenance is not null || present.Count > 0 ? StoredResultsState.FilesOnly : StoredResultsState.NotRun;
            return new StoredResults(analysis, directory, known, provenance, running, count, null, [], [], present, problems);
        }

        IReadOnlyList<string> keys;
        try
        {
            keys = analysis.Jobs(parameters, trainImages).SelectMany(j => j.Units).ToList();
        }
        catch (ArgumentException e)
        {
            problems.Add($"the units of the parameters cannot be listed here: {e.Message}");
            return new StoredResults(analysis, directory, StoredResultsState.FilesOnly, provenance, running, store?.Count ?? 0, null, [], [], present, problems);
        }
        int found = store is null ? 0 : keys.Count(store.Contains);
        if (found == 0)
            return new StoredResults(analysis, directory, running && present.Count == 0 ? StoredResultsState.Partial : StoredResultsState.FilesOnly,
                provenance, running, 0, keys.Count, [], [], present, problems);

        var state = found == keys.Count ? StoredResultsState.Complete : StoredResultsState.Partial;
        try
        {
            var result = analysis.Collect(parameters, store!, trainImages);
            return new StoredResults(analysis, directory, state, provenance, running, found, keys.Count, analysis.Files(parameters, result).ToList(),
                analysis.Tables(parameters, result).ToList(), present, problems);
        }
        catch (Exception e) when (state == StoredResultsState.Partial && e is ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            // Some analyses need more of their units than a partial store holds to build a figure or a table.
            problems.Add($"the figures and tables cannot be built from the units present yet: {e.Message}");
            return new StoredResults(analysis, directory, state, provenance, running, found, keys.Count, [], [], present, problems);
        }
    }
}

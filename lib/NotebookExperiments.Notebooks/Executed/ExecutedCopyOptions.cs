namespace NotebookExperiments.Notebooks.Executed;

/// <summary>What <see cref="ExecutedCopies.Render"/> executes and where it writes.</summary>
internal sealed record ExecutedCopyOptions
{
    /// <summary>The folder of the source notebooks (the repository's <c>notebooks/</c>); the kernel runs there.</summary>
    public required string NotebooksDirectory { get; init; }

    /// <summary>Where the executed copies and <see cref="ExecutedManifest.FileName"/> go (the repository's <c>notebooks/executed/</c>).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The notebooks' file names; empty: every <c>.ipynb</c> of <see cref="NotebooksDirectory"/>.</summary>
    public IReadOnlyList<string> Notebooks { get; init; } = [];

    /// <summary>Parameter overrides (name=value) for every notebook, besides the output folder; empty for the committed copies.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>The parameter that names a notebook's results folder; it is pointed at a temporary folder.</summary>
    public string OutputParameter { get; init; } = "outputDirectory";

    /// <summary>Keep each chart's interactive HTML beside its image (by default the image replaces it; see <see cref="Rendering.ChartImages"/>).</summary>
    public bool KeepInteractiveCharts { get; init; }

    /// <summary>The longest one notebook may run.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The command recorded in the manifest, which regenerates the copies.</summary>
    public required string Command { get; init; }

    /// <summary>The results revision of the analyses the notebooks run, recorded in the manifest when known.</summary>
    public int? ResultsRevision { get; init; }
}

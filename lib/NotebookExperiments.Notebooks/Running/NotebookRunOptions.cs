using NotebookExperiments.Notebooks.Packages;

namespace NotebookExperiments.Notebooks.Running;

/// <summary>How to run one notebook.</summary>
internal sealed record NotebookRunOptions
{
    /// <summary>Parameter overrides, name to text (see <see cref="Parameters.ParameterInjection"/>).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The folder that <c>#r "file.dll"</c> and <c>#load</c> resolve against, and the working directory while the cells
    /// run (VS Code starts the kernel in the notebook's folder). Default: the notebook file's folder, else the current directory.
    /// </summary>
    public string? BaseDirectory { get; init; }

    /// <summary>The pinned versions to check <c>#r "nuget: …"</c> lines against. Default: the repository's <c>Directory.Packages.props</c>, found from <see cref="BaseDirectory"/> or the running program's folder.</summary>
    public CentralPackageVersions? PackageVersions { get; init; }

    /// <summary>Receives each code cell's start and finish, synchronously on the running thread.</summary>
    public IProgress<CellProgress>? Progress { get; init; }

    /// <summary>When set, console text the cells write is copied here as it is written (it is captured in the outputs either way).</summary>
    public TextWriter? Echo { get; init; }

    /// <summary>Whether to make <see cref="BaseDirectory"/> the process's working directory while the cells run (restored after).</summary>
    public bool SetWorkingDirectory { get; init; } = true;
}

using System.Collections.Concurrent;
using NotebookExperiments.Notebooks.Running;

namespace NotebookExperiments.Tests.Notebooks;

/// <summary>
/// One <see cref="NotebookRunner"/> for all runner tests, and the runs of the sample notebooks that several tests inspect,
/// each made once (every run starts a kernel of its own and restores its packages from the NuGet cache).
/// </summary>
public sealed class NotebookRunnerFixture
{
    private readonly ConcurrentDictionary<string, Lazy<Task<NotebookRunResult>>> _runs = new();

    internal NotebookRunner Runner { get; } = new();

    /// <summary>The run of a sample notebook with parameter overrides, made on first request.</summary>
    internal Task<NotebookRunResult> RunSampleAsync(string name, params (string Name, string Value)[] parameters)
    {
        var key = name + "?" + string.Join("&", parameters.Select(p => $"{p.Name}={p.Value}"));
        return _runs.GetOrAdd(key, _ => new Lazy<Task<NotebookRunResult>>(() => Runner.RunFileAsync(
            TestNotebooks.PathOf(name),
            new NotebookRunOptions { Parameters = parameters.ToDictionary(p => p.Name, p => p.Value) }))).Value;
    }
}

/// <summary>
/// Tests that run notebooks: they change the process's working directory while cells run, so they run one at a time
/// and after the parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NotebookRunnerCollection : ICollectionFixture<NotebookRunnerFixture>
{
    public const string Name = "Notebook runner";
}

using NotebookExperiments.Analyses;
using NotebookExperiments.Data;
using NotebookExperiments.Tests.Cli.Process;

namespace NotebookExperiments.Tests.Reports;

/// <summary>
/// Real results of every analysis, made once per test run as users make them: <c>reproduce all --preset smoke</c> (with <c>--threads 1</c>) run
/// as a process of the built program into a fresh results folder (a few seconds per analysis on the real MNIST), by the first test
/// that asks, and deleted when the test run ends. One thread, so that the Slurm tests, whose tasks each run on one core, compare
/// their merges with these files bit for bit. Tests copy the analyses' folders they need into folders of their own and never
/// change these.
/// </summary>
public sealed class SmokeResultsFixture : IAsyncLifetime
{
    private static readonly Lazy<Task<(string Root, CliProcess.Result Run)>> Shared = new(RunOnceAsync);

    private (string Root, CliProcess.Result Run) _shared;

    /// <summary>The results folder: one folder per analysis, and the reproduction report that the run wrote beside them.</summary>
    public string Results => Path.Combine(_shared.Root, "results");

    /// <summary>What the run printed (standard output, then standard error).</summary>
    public string Output => _shared.Run.Output;

    /// <summary>The data folder the run read (the verified MNIST files of <c>data/mnist</c>).</summary>
    public static string DataDirectory => MnistFetcher.Default.Ensure(progress: null).Directory;

    public async Task InitializeAsync() => _shared = await Shared.Value;

    private static async Task<(string Root, CliProcess.Result Run)> RunOnceAsync()
    {
        var root = Directory.CreateTempSubdirectory("report-smoke").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(root, recursive: true); }
            catch (IOException) { }
        };
        var run = await CliProcess.RunAsync("reproduce", "all", "--preset", "smoke", "--out", Path.Combine(root, "results"), "--data-dir", DataDirectory,
            "--threads", "1");
        run.Expect(0);
        return (root, run);
    }

    /// <summary>A copy of the analyses' folders named <paramref name="analyses"/> (all when none is named; never the report that
    /// <c>reproduce</c> wrote beside them) in a new results folder under <paramref name="parent"/>.</summary>
    public string CopyInto(string parent, params string[] analyses)
    {
        var results = Path.Combine(parent, "results");
        Directory.CreateDirectory(results);
        foreach (var folder in Directory.GetDirectories(Results))
        {
            var name = Path.GetFileName(folder);
            if (!AnalysisRegistry.All.Any(a => a.Name == name) || analyses.Length > 0 && !analyses.Contains(name)) continue;
            foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(results, name, Path.GetRelativePath(folder, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
        return results;
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

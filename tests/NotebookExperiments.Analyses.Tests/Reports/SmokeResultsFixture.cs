using NotebookExperiments.Analyses;
using NotebookExperiments.Data;
using NotebookExperiments.Tests.Cli.Process;

namespace NotebookExperiments.Tests.Reports;

/// <summary>
/// Real results of every analysis, made once per test class as users make them: <c>reproduce all --preset smoke</c> run as a
/// process of the built program into a fresh results folder (a few seconds per analysis on the real MNIST). Tests copy the
/// analyses' folders they need into folders of their own and never change these.
/// </summary>
public sealed class SmokeResultsFixture : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("report-smoke").FullName;

    /// <summary>The results folder: one folder per analysis.</summary>
    public string Results => Path.Combine(_root, "results");

    public async Task InitializeAsync()
    {
        var mnist = MnistFetcher.Default.Ensure(progress: null);
        var run = await CliProcess.RunAsync("reproduce", "all", "--preset", "smoke", "--out", Results, "--data-dir", mnist.Directory);
        run.Expect(0);
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

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }
}

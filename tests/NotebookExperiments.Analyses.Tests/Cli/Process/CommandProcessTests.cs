using NotebookExperiments.Analyses;
using NotebookExperiments.Reports;
using NotebookExperiments.Tests.Data;
using NotebookExperiments.Tests.Reports;

namespace NotebookExperiments.Tests.Cli.Process;

/// <summary>
/// Every command run as a separate process of the built program, as users run it: <c>reproduce</c> with every target, each
/// analysis command with overrides, the −ELBO table in shards and merged, and the other commands. Each must exit 0 and leave the
/// files it promises; a command that cannot do its work must say why and not exit 0.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class CommandProcessTests(MnistFixture mnist, SmokeResultsFixture smoke) : IClassFixture<SmokeResultsFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cli-process").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string DataDirectory => mnist.Files.Directory;

    /// <summary>The files each analysis writes into its result folder.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> FilesOf = new Dictionary<string, string[]>
    {
        ["beta-sweep"] = ["runs.csv", "summary.csv", "comparison.csv", "figure.html", Provenance.FileName],
        ["bias-variance"] = ["statistics.csv", "summary.csv", "comparison.csv", "figure.html", Provenance.FileName],
        ["temperature-study"] = ["gradients.csv", "training.csv", "figure-gradients.html", "figure-tradeoff.html", "figure-training.html", Provenance.FileName],
        ["elbo-table"] = ["runs.csv", "curves.csv", "summary.csv", "table.csv", "comparison.csv", "table.md", "table.html", "figure.html", Provenance.FileName],
    };

    /// <summary>The files each side view writes into its result folder.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> SideViewFilesOf = new Dictionary<string, string[]>
    {
        ["batch-size"] = ["batch-size.csv", "figure.html", Provenance.FileName],
        ["step-timing"] = ["step-timing.csv", "figure.html", Provenance.FileName],
        ["control-variate-grid"] = ["statistics.csv", "summary.csv", "figure.html", Provenance.FileName],
    };

    /// <summary>Asserts that <paramref name="folder"/> holds every file of <paramref name="analysis"/>, none empty, and returns its provenance.</summary>
    public static Provenance AssertResults(string analysis, string folder)
    {
        foreach (var file in FilesOf.TryGetValue(analysis, out var files) ? files : SideViewFilesOf[analysis])
        {
            var path = Path.Combine(folder, file);
            Assert.True(File.Exists(path), $"{analysis} did not write {path}");
            Assert.True(new FileInfo(path).Length > 0, $"{path} is empty");
        }
        var provenance = Provenance.ReadFrom(folder);
        Assert.NotNull(provenance);
        Assert.Equal(analysis, provenance.Analysis);
        Assert.True(provenance.Units > 0, $"{analysis}: no units");
        return provenance;
    }

    [Fact]
    public async Task ReproduceAllRunsEveryMainAnalysisAndEveryTargetRunsItsOwn()
    {
        // `reproduce all --preset smoke --threads 1`: the run of the smoke results that the report tests read, made once per test run.
        var all = smoke.Output;
        Assert.Equal(AnalysisRegistry.Main.Select(a => a.Name), FilesOf.Keys);
        Assert.Equal(AnalysisRegistry.SideViews.Select(a => a.Name), SideViewFilesOf.Keys);
        // The side views run only when named: reproduce all is the main job.
        foreach (var view in SideViewFilesOf.Keys)
        {
            Assert.DoesNotContain($"== {view}", all, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(smoke.Results, view)), view);
            Assert.Contains($"{view}: not run: `notebook-experiments {view} --preset quick`", all, StringComparison.Ordinal);
        }
        foreach (var name in FilesOf.Keys)
        {
            Assert.Contains($"== {name} (smoke preset)", all, StringComparison.Ordinal);
            var provenance = AssertResults(name, Path.Combine(smoke.Results, name));
            Assert.Equal(provenance.Units, provenance.UnitsComputed);
            Assert.Equal("smoke", provenance.Preset);
        }
        Assert.DoesNotContain("not split into shards", all, StringComparison.Ordinal);

        // It ends with the reproduction report of the results folder, beside the analyses' folders, and says where.
        var report = Path.Combine(smoke.Results, ReproductionReport.HtmlFileName);
        Assert.Contains($"wrote {report}", all, StringComparison.Ordinal);
        Assert.Contains($"wrote {Path.Combine(smoke.Results, ReproductionReport.MarkdownFileName)}", all, StringComparison.Ordinal);
        Assert.True(all.IndexOf($"wrote {report}", StringComparison.Ordinal) > all.IndexOf($"== {"elbo-table"}", StringComparison.Ordinal));
        var html = File.ReadAllText(report);
        foreach (var name in FilesOf.Keys) Assert.Contains($"<section id=\"{name}\">", html, StringComparison.Ordinal);
        Assert.Contains($"{"elbo-table"}: complete: ", all, StringComparison.Ordinal);
        Assert.Contains("not compared (smoke preset)", all, StringComparison.Ordinal);
        Assert.Contains("Against the published numbers (comparison.csv): not compared (smoke preset): 3 points.", all, StringComparison.Ordinal);

        // Each target on its own, with the same options, in a copy of those folders: everything is found finished, and the files
        // are written again.
        var results = smoke.CopyInto(_dir);
        var copiedReport = Path.Combine(results, ReproductionReport.HtmlFileName);
        foreach (var name in FilesOf.Keys)
        {
            var folder = Path.Combine(results, name);
            var before = File.GetLastWriteTimeUtc(Path.Combine(folder, Provenance.FileName));
            var one = await CliProcess.RunAsync("reproduce", name, "--preset", "smoke", "--out", results, "--data-dir", DataDirectory, "--threads", "1");
            one.Expect(0);
            var provenance = AssertResults(name, folder);
            Assert.Equal(0, provenance.UnitsComputed);
            Assert.True(File.GetLastWriteTimeUtc(Path.Combine(folder, Provenance.FileName)) > before, $"{name}: the files were not written again");
            Assert.Contains($"{name}: every unit is finished; nothing to run.", one.Output, StringComparison.Ordinal);
            foreach (var other in FilesOf.Keys.Where(o => o != name)) Assert.DoesNotContain($"== {other}", one.Output, StringComparison.Ordinal);
            Assert.Contains($"wrote {copiedReport}", one.Output, StringComparison.Ordinal);
        }

        // A side view named: it alone runs, beside the others, and the report has it complete.
        var timing = await CliProcess.RunAsync("reproduce", "step-timing", "--preset", "smoke", "--out", results, "--data-dir", DataDirectory);
        timing.Expect(0);
        Assert.Contains("== step-timing (smoke preset)", timing.Output, StringComparison.Ordinal);
        foreach (var other in FilesOf.Keys) Assert.DoesNotContain($"== {other}", timing.Output, StringComparison.Ordinal);
        AssertResults("step-timing", Path.Combine(results, "step-timing"));
        Assert.Contains("step-timing: complete: 1 of 1 units", timing.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("batch-size", "--batch-sizes", "1,5", "--taus", "0.5")]
    [InlineData("step-timing", "--rounds", "2")]
    [InlineData("control-variate-grid", "--etas", "1.5", "--tau2s", "0.1,1", "--variants", "conditional")]
    public async Task EachSideViewCommandRunsWithOverrides(string view, params string[] overrides)
    {
        // A rerun that finds the units finished is tested in process, for each side view (Analyses/<Name>/), and as a
        // process for the main analyses above.
        var folder = Path.Combine(_dir, view);
        var run = await CliProcess.RunAsync([view, "--preset", "smoke", .. overrides, "--out", folder, "--data-dir", DataDirectory]);
        run.Expect(0);
        var provenance = AssertResults(view, folder);
        Assert.Equal(provenance.Units, provenance.UnitsComputed);
        Assert.Contains($"{view}: {provenance.Units} unit{(provenance.Units == 1 ? "" : "s")} to run in 1 job", run.Output, StringComparison.Ordinal);
        Assert.Contains("smoke preset", provenance.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("beta-sweep", "--betas", "0.25,0.75")]
    [InlineData("bias-variance", "-e", "st", "-e", "reinmax-cv:k=10")]
    [InlineData("temperature-study", "--taus", "0.3", "--training-taus", "0.3")]
    [InlineData("elbo-table", "-e", "ST", "-e", "ReinMax", "-e", "zgr")]
    public async Task EachAnalysisCommandRunsWithOverrides(string analysis, params string[] overrides)
    {
        var folder = Path.Combine(_dir, analysis);
        var run = await CliProcess.RunAsync([analysis, "--preset", "smoke", .. overrides, "--out", folder, "--data-dir", DataDirectory]);
        run.Expect(0);
        var provenance = AssertResults(analysis, folder);
        Assert.Equal(provenance.Units, provenance.UnitsComputed);
        Assert.Contains("units to run in", run.Output, StringComparison.Ordinal);
        Assert.Contains("measured by a", run.Output, StringComparison.Ordinal);
        Assert.Contains("smoke preset", provenance.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheElboTableRunsInShardsAndTheMergeWritesItOrNamesTheMissingShard()
    {
        string[] table = ["elbo-table", "--preset", "smoke", "-e", "ST", "-e", "ReinMax", "--max-ensemble", "1", "--out", _dir, "--data-dir", DataDirectory];
        var first = await CliProcess.RunAsync([.. table, "--shard", "1/2"]);
        first.Expect(0);
        Assert.Contains("shard 1/2 done", first.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "table.md")));

        var early = await CliProcess.RunAsync([.. table, "--merge", "--shards", "2"]);
        early.Expect(3);
        Assert.Contains("1 of 2 units are missing", early.Output, StringComparison.Ordinal);
        Assert.Contains("They belong to shard 2 of 2.", early.Output, StringComparison.Ordinal);

        (await CliProcess.RunAsync([.. table, "--shard", "2/2"])).Expect(0);
        var merged = await CliProcess.RunAsync([.. table, "--merge", "--shards", "2"]);
        merged.Expect(0);
        var provenance = AssertResults("elbo-table", _dir);
        Assert.Equal((2, 0), (provenance.Units, provenance.UnitsComputed));
        Assert.Equal(2, Directory.GetFiles(_dir, "units-*.jsonl").Length);
    }

    [Fact]
    public async Task TheOtherCommandsRunAsProcesses()
    {
        var list = await CliProcess.RunAsync("estimators");
        list.Expect(0);
        foreach (var name in new[] { "st", "gr-mc", "zgr", "reinmax", "reinmax-rk2", "reinmax-rao", "reinmax-cv", "gst", "exact" })
            Assert.Contains(name, list.Output, StringComparison.Ordinal);

        var stats = await CliProcess.RunAsync("estimator-stats", "-e", "zgr", "-C", "3", "-L", "2", "--samples", "200", "--json", "--threads", "1");
        stats.Expect(0);
        Assert.Contains("\"cosine\"", stats.Output, StringComparison.Ordinal);

        (await CliProcess.RunAsync("fetch-data", "--dir", DataDirectory)).Expect(0);

        var trained = Path.Combine(_dir, "train");
        (await CliProcess.RunAsync("train", "-e", "reinmax", "--train-size", "300", "--out", trained, "--data-dir", DataDirectory, "--threads", "1")).Expect(0);
        Assert.True(File.Exists(Path.Combine(trained, "summary.json")));
        Assert.True(File.Exists(Path.Combine(trained, "metrics.csv")));
    }

    [Theory]
    [InlineData(2, "error: --configurations", "elbo-table", "--preset", "smoke", "--configs", "32x64")]
    [InlineData(2, "--shards goes with --slurm", "beta-sweep", "--preset", "smoke", "--shards", "3")]
    [InlineData(2, "error: --shards: 500 shards, but this analysis has only 3 pieces", "beta-sweep", "--preset", "smoke", "--slurm", "--dry-run", "--shards", "500")]
    [InlineData(2, "--gpus 1 with --device cpu", "elbo-table", "--preset", "smoke", "--slurm", "--dry-run", "--gpus", "1")]
    [InlineData(1, "Argument 'everything' not recognized", "reproduce", "everything")]
    public async Task ACommandThatCannotDoItsWorkSaysWhyAndDoesNotExitZero(int exit, string message, params string[] arguments)
    {
        var run = await CliProcess.RunAsync([.. arguments, "--out", Path.Combine(_dir, "bad")]);
        run.Expect(exit);
        Assert.Contains(message, run.Output, StringComparison.Ordinal);
    }
}

using NotebookExperiments.Analyses;
using NotebookExperiments.Reports;
using NotebookExperiments.Tests.Data;
using NotebookExperiments.Tests.Reports;

namespace NotebookExperiments.Tests.Cli.Process;

/// <summary>
/// <c>report</c> run as a process of the built program: on real smoke results it writes both pages, prints their paths and one line
/// per analysis and exits 0; on a folder without results it says so and exits 2; without <c>--results</c> it reads
/// <c>$NOTEBOOK_EXPERIMENTS_RESULTS</c>.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class ReportCommandTests(SmokeResultsFixture smoke) : IClassFixture<SmokeResultsFixture>, IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task TheReportOfResultsIsWrittenWhereAskedAndItsPathsAndSummaryPrinted()
    {
        var results = smoke.CopyInto(_dir.Path);
        var output = _dir.Combine("pages");
        var run = await CliProcess.RunAsync("report", "--results", results, "--out", output);
        run.Expect(0);
        var html = Path.Combine(output, ReproductionReport.HtmlFileName);
        var markdown = Path.Combine(output, ReproductionReport.MarkdownFileName);
        Assert.Contains($"wrote {html}", run.Output, StringComparison.Ordinal);
        Assert.Contains($"wrote {markdown}", run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(html) && File.Exists(markdown));
        foreach (var analysis in AnalysisRegistry.Main)
            Assert.Contains($"{analysis.Name}: complete: ", run.Output, StringComparison.Ordinal);
        foreach (var view in AnalysisRegistry.SideViews)
            Assert.Contains($"{view.Name}: not run: `notebook-experiments {view.Name} --preset quick`", run.Output, StringComparison.Ordinal);
        Assert.Contains("elbo-table: complete: 7 of 7 units; smoke preset, not the paper's protocol; not compared (smoke preset): 7 cells", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutResultsTheDefaultFolderIsTheResultsVariableAndOnePartialAnalysisIsEnough()
    {
        var results = smoke.CopyInto(_dir.Path, "elbo-table");
        var folder = Path.Combine(results, "elbo-table");
        foreach (var file in Directory.GetFiles(folder, "*.csv")) File.Delete(file);
        var units = Directory.GetFiles(folder, "units-*.jsonl").Single();
        File.WriteAllLines(units, File.ReadAllLines(units).Take(1 + 5));

        var run = await CliProcess.RunAsync(_dir.Path, new Dictionary<string, string> { ["NOTEBOOK_EXPERIMENTS_RESULTS"] = results }, "report");
        run.Expect(0);
        Assert.Contains($"wrote {Path.Combine(results, ReproductionReport.HtmlFileName)}", run.Output, StringComparison.Ordinal);
        Assert.Contains("elbo-table: partial: 5 of 7 units", run.Output, StringComparison.Ordinal);
        Assert.Contains("beta-sweep: not run: `notebook-experiments beta-sweep --preset quick`", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFolderWithoutResultsExitsTwoAndSaysSo()
    {
        var empty = _dir.Combine("empty");
        Directory.CreateDirectory(empty);
        var run = await CliProcess.RunAsync("report", "--results", empty);
        run.Expect(2);
        Assert.Contains($"error: no results in {empty}", run.Output, StringComparison.Ordinal);
        Assert.Contains("notebook-experiments reproduce all --preset quick", run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(empty, ReproductionReport.HtmlFileName)));
    }
}

using System.Text.RegularExpressions;
using NotebookExperiments.Analyses;
using NotebookExperiments.Reports;
using NotebookExperiments.Tests.Cli.Process;
using NotebookExperiments.Tests.Data;

namespace NotebookExperiments.Tests.Reports;

/// <summary>
/// The reproduction report of real smoke-preset results (<see cref="SmokeResultsFixture"/>): every analysis with its provenance,
/// tables and figures on one offline page, the −ELBO table, the β sweep and the cosines beside the published numbers with their
/// sources and "not comparable" verdicts (a smoke run compares nothing, and says so), and partial results — one analysis only, a
/// run stopped part-way, units without provenance — reported as such.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed partial class ReproductionReportTests(SmokeResultsFixture smoke) : IClassFixture<SmokeResultsFixture>, IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static int Count(string text, string part) => Regex.Matches(text, Regex.Escape(part)).Count;

    [Fact]
    public void TheReportOfSmokeResultsHasEveryAnalysisWithItsProvenanceTablesAndFiguresOffline()
    {
        var results = smoke.CopyInto(_dir.Path);
        var files = ReproductionReport.Write(results);

        Assert.Equal(Path.Combine(results, ReproductionReport.HtmlFileName), files.Html);
        Assert.Equal(Path.Combine(results, ReproductionReport.MarkdownFileName), files.Markdown);
        var html = File.ReadAllText(files.Html);
        foreach (var analysis in AnalysisRegistry.Main)
        {
            // A finished run removes the provenance it wrote when it started.
            Assert.False(File.Exists(Path.Combine(smoke.Results, analysis.Name, Provenance.StartedFileName)), analysis.Name);
            Assert.Contains($"<section id=\"{analysis.Name}\">", html, StringComparison.Ordinal);
            Assert.Contains(files.Summary, l => l.StartsWith($"{analysis.Name}: complete: ", StringComparison.Ordinal));
        }
        Assert.Equal(4, Count(html, "<table class=\"provenance\">"));
        foreach (var label in new[] { "command", "preset", "paper protocol", "commit", "machine", "device", "threads", "started", "time taken", "units" })
            Assert.Equal(4, Count(html, $"<tr><th>{label}</th>"));
        Assert.Contains("<td>notebook-experiments reproduce all --preset smoke --out", html, StringComparison.Ordinal);

        // plotly.js once, every figure drawn from it, nothing loaded from the network.
        Assert.Equal(1, Count(html, PlotlyJs.MarkerAttribute));
        Assert.Equal(1, Count(html, PlotlyJs.Source[..200]));
        var figures = CommandProcessTests.FilesOf.Values.SelectMany(f => f).Count(f => f.StartsWith("figure", StringComparison.Ordinal));
        Assert.Equal(6, figures);
        Assert.Equal(figures, Count(html, "Plotly.newPlot(\"figure-"));
        Assert.DoesNotMatch(new Regex("<script[^>]*\\ssrc=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex("<link[^>]*\\shref=\"?https?:", RegexOptions.IgnoreCase), html);
        Assert.Equal(2 * figures, files.Figures.Count);
        Assert.All(files.Figures, f => Assert.True(File.Exists(f), f));

        // The β sweep's figure draws the published sweep; the −ELBO table sets each cell beside its published number, not compared.
        Assert.Contains(BetaSweepFigureName(), File.ReadAllText(Path.Combine(results, ReproductionReport.FiguresFolderName, "beta-sweep-figure.json")), StringComparison.Ordinal);
        Assert.Contains("<th>8x4 published train</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td>136.40 ± 0.41</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>not comparable: 1 epoch (published: 160)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Welch's t =", html, StringComparison.Ordinal);     // nothing is compared, so no test is shown
        Assert.DoesNotContain("one-sample t =", html, StringComparison.Ordinal);
        Assert.DoesNotContain("2 s.e.", html, StringComparison.Ordinal);
        Assert.Contains("elbo-table: complete: 7 of 7 units; smoke preset, not the paper's protocol; not compared (smoke preset): 7 cells", files.Summary);
        Assert.Contains("beta-sweep: complete: 3 of 3 units; smoke preset, not the paper's protocol; not compared (smoke preset): 3 points", files.Summary);
        Assert.Contains(files.Summary, l => l.StartsWith("bias-variance: complete: ", StringComparison.Ordinal) && l.EndsWith("; not compared (smoke preset): 10 points", StringComparison.Ordinal));
        Assert.Contains("Not compared with the published numbers: no cell of this smoke run both has a published number and follows its protocol", html, StringComparison.Ordinal);
        Assert.Contains("No paper fixes a protocol for this analysis", html, StringComparison.Ordinal);

        // Each comparison point by point, with the published number's source; the reasons shared by every point are said once.
        Assert.Equal(3, Count(html, "<h3>Against the published numbers</h3>"));
        Assert.Equal(3, Count(html, "<table class=\"comparison\">"));
        Assert.Contains("<p class=\"not-comparable\">Not comparable, in every point with a published number: 1 epoch (published: 50); 1,000 training images", html, StringComparison.Ordinal);
        Assert.Contains("<td>0.5</td><td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>142.97 ± 0.81 (5 seeds)</td><td>not comparable</td><td>Fig. 2 (plot_check_beta.py): results/losses_seed{0..4}_reinmax_cat8_lat4_optAdam_lr0.0005_temp1_beta0.5.txt, epoch 50; danielwang0452/DiscreteNumericalMethodsASC at 62697d1</td>",
            html, StringComparison.Ordinal);
        Assert.Contains("<td>0.47 ± 0.04 (10 seeds)</td><td>not comparable</td><td>Fig. 1 (plot_check_variance.py): results/cosine_reinmax_epoch1_seed{0..9}_method_st_", html, StringComparison.Ordinal);
        Assert.Contains("<td>not published: Fig. 1 draws ReinMax-CV (τ₂ = 0.1), but its numbers are not in the authors&#39; result files</td>".Replace("&#39;", "'", StringComparison.Ordinal),
            html, StringComparison.Ordinal);
        Assert.Contains(ReportComparison.Legend.Replace("&", "&amp;", StringComparison.Ordinal), html, StringComparison.Ordinal);
    }

    private static string BetaSweepFigureName() => NotebookExperiments.Analyses.BetaSweepFigure.PublishedSeriesName;

    [Fact]
    public void TheMarkdownHasTheTableOfComparisonsAndLinksEveryFigure()
    {
        var results = smoke.CopyInto(_dir.Path);
        var output = _dir.Combine("report");
        var files = ReproductionReport.Write(results, output);
        Assert.Equal(Path.Combine(output, ReproductionReport.MarkdownFileName), files.Markdown);
        var markdown = File.ReadAllText(files.Markdown);

        Assert.Contains("| estimator | 8x4 train | 8x4 published train | 8x4 vs published | 8x4 test |", markdown, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"^\| ReinMax \| [0-9.]+ \(1 run\)[ ★]* \| 125\.08 ± 0\.20 \| not comparable: 1 epoch \(published: 160\); .* \|$", RegexOptions.Multiline), markdown);
        Assert.Contains("| ReinMax-CV |", markdown, StringComparison.Ordinal);
        Assert.Contains("**Verdicts:** not compared (smoke preset): 7 cells.", markdown, StringComparison.Ordinal);
        // The table's marks explained under it: with one run per cell, nothing is starred, and it says why.
        Assert.Contains(ElboTableReport.Legend + " No ★ or ≈ in 8×4 train, 8×4 test: one run per cell, so no standard error.", markdown, StringComparison.Ordinal);
        Assert.Contains("| 8x4 | 0 | ", markdown, StringComparison.Ordinal);
        Assert.Contains(" | 214.41 (5 seeds; s.e. not given) | not comparable | Fig. 2 (plot_check_beta.py): results/losses_seed{0..4}_reinmax_cat8_lat4_optAdam_lr0.0005_temp1_beta-0.0.txt", markdown, StringComparison.Ordinal);
        Assert.Contains("| config | estimator | ours | published | verdict | source |", markdown, StringComparison.Ordinal);
        Assert.Contains("| config | beta | ours | published | verdict | source |", markdown, StringComparison.Ordinal);
        Assert.Contains("| epoch | title | ours | published | verdict | source |", markdown, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"^\| 8x4 \| ReinMax \| [0-9.]+ \(1 run\) \| 125\.08 ± 0\.2 \(10 seeds\) \| not comparable \| train −ELBO table \(process_results\.py\): results/results_seed\{0\.\.9\}_reinmax_cat8_lat4_optAdam_lr0\.0005_temp1\.3\.txt, epoch 160; danielwang0452/DiscreteNumericalMethodsASC at 62697d1 \|$",
            RegexOptions.Multiline), markdown);
        Assert.Contains("| paper protocol | no |", markdown, StringComparison.Ordinal);

        // Every figure link and every file link leads to a file (links are relative to the report's folder).
        var links = Regex.Matches(markdown, @"\]\(([^)]+)\)").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("report-figures/elbo-table-figure.html", links);
        Assert.Contains("report-figures/temperature-study-figure-tradeoff.json", links);
        Assert.Contains("../results/elbo-table/comparison.csv", links);
        Assert.All(links, l => Assert.True(File.Exists(Path.Combine(output, l)), l));
    }

    [Fact]
    public void OneAnalysisOnlyGivesAReportThatNamesTheOthersAsNotRun()
    {
        var results = smoke.CopyInto(_dir.Path, "beta-sweep");
        var report = ReproductionReport.Read(results);
        Assert.True(report.HasResults);
        var markdown = File.ReadAllText(report.WriteTo().Markdown);

        Assert.Contains("- beta-sweep: complete: 3 of 3 units; smoke preset, not the paper's protocol", markdown, StringComparison.Ordinal);
        foreach (var other in new[] { "bias-variance", "temperature-study", "elbo-table", "batch-size", "step-timing", "control-variate-grid" })
        {
            Assert.Equal(StoredResultsState.NotRun, report.Sections.Single(s => s.Name == other).Results.State);
            Assert.Contains($"- {other}: not run: `notebook-experiments {other} --preset quick` (or `--preset paper`)", markdown, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AStoppedRunGivesAPartialReportOfTheUnitsPresent()
    {
        // The −ELBO table's files deleted and four of its seven units cut from the store: what a run stopped part-way leaves.
        var results = smoke.CopyInto(_dir.Path, "elbo-table");
        var folder = Path.Combine(results, "elbo-table");
        foreach (var file in Directory.GetFiles(folder).Where(f => !f.EndsWith(".jsonl", StringComparison.Ordinal) && !f.EndsWith(".json", StringComparison.Ordinal)))
            File.Delete(file);
        var units = Directory.GetFiles(folder, "units-*.jsonl").Single();
        File.WriteAllLines(units, File.ReadAllLines(units).Take(1 + 3));

        var report = ReproductionReport.Read(results);
        var section = report.Sections.Single(s => s.Name == "elbo-table");
        Assert.Equal(StoredResultsState.Partial, section.Results.State);
        Assert.Equal("partial: 3 of 7 units", section.State());
        Assert.Equal(new VerdictCount(0, 0, 3, 0), section.Verdicts);
        Assert.Single(section.Figures);
        var files = report.WriteTo();
        Assert.Contains("elbo-table: partial: 3 of 7 units; smoke preset, not the paper's protocol; not compared (smoke preset): 3 cells", files.Summary);
        var html = File.ReadAllText(files.Html);
        Assert.Contains("<p class=\"state\">partial: 3 of 7 units</p>", html, StringComparison.Ordinal);
        Assert.Equal(3, Count(html, "<td>not comparable: 1 epoch (published: 160)"));
        Assert.Contains("**partial: 3 of 7 units**", File.ReadAllText(files.Markdown), StringComparison.Ordinal);
    }

    [Fact]
    public void ARunThatStartedAndDidNotFinishIsReportedAsPartialWithItsParameters()
    {
        // Only the started run's provenance, as the runner leaves it until the files are written, and two of its units.
        var results = smoke.CopyInto(_dir.Path, "bias-variance");
        var folder = Path.Combine(results, "bias-variance");
        foreach (var file in Directory.GetFiles(folder).Where(f => !f.EndsWith(".jsonl", StringComparison.Ordinal))) File.Delete(file);
        var provenance = Provenance.ReadFrom(Path.Combine(smoke.Results, "bias-variance"))!;
        (provenance with { Seconds = 0, UnitsComputed = 0 }).WriteStartedTo(folder);
        var units = Directory.GetFiles(folder, "units-*.jsonl").Single();
        File.WriteAllLines(units, File.ReadAllLines(units).Take(1 + 2));

        var section = ReproductionReport.Read(results).Sections.Single(s => s.Name == "bias-variance");
        Assert.True(section.Results.Running);
        Assert.Equal($"partial: 2 of {provenance.Units} units (a run started and has not finished)", section.State());
        Assert.True(provenance.Units > 2);
        Assert.Contains(("time taken", "not finished"), section.ProvenanceRows());
        Assert.Contains(("units", $"2 of {provenance.Units} stored"), section.ProvenanceRows());
        Assert.NotEmpty(section.Results.Tables);
    }

    [Fact]
    public void UnitsWithoutProvenanceAreCountedAndSaidToLackTheirParameters()
    {
        var results = smoke.CopyInto(_dir.Path, "beta-sweep");
        File.Delete(Path.Combine(results, "beta-sweep", Provenance.FileName));
        foreach (var file in Directory.GetFiles(Path.Combine(results, "beta-sweep"), "*.csv")) File.Delete(file);
        File.Delete(Path.Combine(results, "beta-sweep", "figure.html"));

        var section = ReproductionReport.Read(results).Sections.Single(s => s.Name == "beta-sweep");
        Assert.Equal(StoredResultsState.Partial, section.Results.State);
        Assert.Equal("partial: 3 units (parameters not recorded, so not how many the run needs)", section.State());
        Assert.Empty(section.ProvenanceRows());
    }

    [Fact]
    public void AnEmptyFolderHasNoResults()
    {
        var report = ReproductionReport.Read(_dir.Combine("nothing-here"));
        Assert.False(report.HasResults);
        Assert.All(report.Sections, s => Assert.StartsWith("not run: `notebook-experiments ", s.State(), StringComparison.Ordinal));
        Assert.False(Directory.Exists(_dir.Combine("nothing-here")));
    }

    [Fact]
    public void ASideViewHasItsSectionAfterTheMainAnalysesNamingItsCommandUntilItIsRunThenItsTableAndFigure()
    {
        var results = smoke.CopyInto(_dir.Path, "beta-sweep");
        var before = ReproductionReport.Read(results);
        Assert.Equal(AnalysisRegistry.All.Select(a => a.Name), before.Sections.Select(s => s.Name));
        var section = before.Sections.Single(s => s.Name == "step-timing");
        Assert.Equal("not run: `notebook-experiments step-timing --preset quick` (or `--preset paper`)", section.State());

        // The step timing run here, into its folder beside the others, as its command would.
        var parameters = StepTimingParameters.Smoke with
        {
            Configuration = "3x2",
            BatchSize = 20,
            Estimators = [new("ST", "st:tau=1"), new("ZGR", "zgr")],
        };
        var data = NotebookExperiments.Tests.Support.TinyData.Create(train: 60, test: 10);
        new StepTiming().Run(parameters, new AnalysisEnvironment(Path.Combine(results, "step-timing"), data, TorchSharp.torch.CPU));
        var after = ReproductionReport.Read(results);
        section = after.Sections.Single(s => s.Name == "step-timing");
        Assert.Equal("step-timing: complete: 1 of 1 units; smoke preset", section.Summary());
        Assert.Equal("No paper fixes a protocol for this analysis: nothing published to compare with.", section.Comparability());
        var html = File.ReadAllText(after.WriteTo().Html);
        Assert.Contains("<section id=\"step-timing\">", html, StringComparison.Ordinal);
        Assert.Contains("Plotly.newPlot(\"figure-step-timing", html, StringComparison.Ordinal);
        Assert.Contains("<th>median_ms</th>", html, StringComparison.Ordinal);
    }
}

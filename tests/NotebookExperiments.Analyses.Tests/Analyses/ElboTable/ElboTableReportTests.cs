using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Published;
using NotebookExperiments.Statistics;
using NotebookExperiments.Tests.Charts;

namespace NotebookExperiments.Tests.Analyses;

/// <summary>
/// The −ELBO table beside the published numbers: a hand-made summary whose cells show no significant difference, a significant one
/// (with diverged runs named), are not comparable (one run; quick-style parameters; ST on 10×30 at the preset's learning rate) or not
/// published (ReinMax-CV, a row of one's own); and the marks of a column's best, starred only above noise.
/// </summary>
public class ElboTableReportTests
{
    /// <summary>The paper protocol on 8×4 and 10×30 for ReinMax, ST, GR-MC100, ReinMax-CV and a row of one's own (ZGR).</summary>
    private static ElboTableParameters Paper() =>
        ElboTableParameters.Paper.WithConfigurations(["8x4", "10x30"]).WithEstimators(["ReinMax", "ST", "GR-MC100", "ReinMax-CV", "zgr"]);

    /// <summary>
    /// 8×4: ReinMax 125.20 ± 0.10 over 10 runs (published 125.08 ± 0.20 over 10 seeds), ST 137.90 ± 0.30 over 10 runs, 2 more diverged
    /// (136.40 ± 0.41), GR-MC100 one run, ReinMax-CV and zgr. 10×30: ReinMax 98.40 ± 0.10 (98.50 ± 0.13), ST 120.00 ± 0.50 (published
    /// at 7e-3).
    /// </summary>
    private static DataFrame Summary() => Frame(
    [
        ("8x4", "ReinMax", 10, 0, 125.20, 0.10), ("8x4", "ST", 10, 2, 137.90, 0.30), ("8x4", "GR-MC100", 1, 0, 126.00, double.NaN),
        ("8x4", "ReinMax-CV", 10, 0, 124.90, 0.20), ("8x4", "zgr", 10, 0, 126.50, 0.20),
        ("10x30", "ReinMax", 10, 0, 98.40, 0.10), ("10x30", "ST", 10, 0, 120.00, 0.50),
    ]);

    /// <summary>A summary as <see cref="ElboTable.Summarise"/> writes it; the test −ELBO is the train one plus 1, with the same s.e.</summary>
    private static DataFrame Frame((string Config, string Estimator, int Runs, int Diverged, double Mean, double Se)[] cells) => new(
        new StringDataFrameColumn("config", cells.Select(c => c.Config)),
        new StringDataFrameColumn("estimator", cells.Select(c => c.Estimator)),
        new Int32DataFrameColumn("runs", cells.Select(c => c.Runs)),
        new Int32DataFrameColumn("diverged_runs", cells.Select(c => c.Diverged)),
        new DoubleDataFrameColumn("mean_train_elbo", cells.Select(c => c.Mean)),
        new DoubleDataFrameColumn("se_train_elbo", cells.Select(c => c.Se)),
        new DoubleDataFrameColumn("mean_test_elbo", cells.Select(c => c.Mean + 1)),
        new DoubleDataFrameColumn("se_test_elbo", cells.Select(c => c.Se)));

    [Fact]
    public void EachTrainCellStandsBesideItsPublishedNumberWithAVerdict()
    {
        var table = ElboTableReport.Table(Summary(), Paper());
        Assert.Equal(["estimator", "8x4 train", "8x4 published train", "8x4 vs published", "8x4 test",
            "10x30 train", "10x30 published train", "10x30 vs published", "10x30 test"], table.Columns.Select(c => c.Name));
        Assert.Equal(["ReinMax", "ST", "GR-MC100", "ReinMax-CV", "zgr"], table["estimator"].Cast<string>());

        Assert.Equal("125.08 ± 0.20", (string)table["8x4 published train"][0]);
        Assert.Equal("no significant difference (Welch's t = +0.51, df = 12.9, p = 0.62)", (string)table["8x4 vs published"][0]);
        Assert.Equal("significant difference (Welch's t = +2.85, df = 16.0, p = 0.012); 2 of 12 runs diverged and are left out",
            (string)table["8x4 vs published"][1]);
        Assert.Equal("137.90 ± 0.30 (2 of 12 diverged)", (string)table["8x4 train"][1]);
        Assert.Equal("125.65 ± 0.14", (string)table["8x4 published train"][2]);
        Assert.Equal("not comparable: one run of ours with a finite result: no standard error", (string)table["8x4 vs published"][2]);
        Assert.Equal(("—", "not published"), ((string)table["8x4 published train"][3], (string)table["8x4 vs published"][3]));
        Assert.Equal(("—", "not published"), ((string)table["8x4 published train"][4], (string)table["8x4 vs published"][4]));

        Assert.Equal("no significant difference (Welch's t = -0.59, df = 16.5, p = 0.56)", (string)table["10x30 vs published"][0]);
        Assert.Equal("136.73 ± 0.40 (learning rate 7e-3 as published)", (string)table["10x30 published train"][1]);
        Assert.Equal("not comparable: learning rate 0.0007 (published: 0.007)", (string)table["10x30 vs published"][1]);
        Assert.Equal("—", (string)table["10x30 vs published"][2]);   // GR-MC100 was not run on 10×30 in this summary
        Assert.Equal("98.40 ± 0.10 ★", (string)table["10x30 train"][0]);

        // Without the parameters, the table is what it was.
        Assert.Equal(["estimator", "8x4 train", "8x4 test", "10x30 train", "10x30 test"], ElboTableReport.Table(Summary()).Columns.Select(c => c.Name));
    }

    [Fact]
    public void TheVerdictIsWelchsTestWithThePublishedSampleStandardError()
    {
        // ST on 8×4: ours 137.90 ± 0.30 (10 runs); published 136.40 ± 0.41 over 10 seeds, a standard error of numpy's n-denominator
        // sd, so the sample one is 0.41·√(10/9): e₂² = 0.1681·10/9. t = 1.5/√(0.09 + e₂²), ν = (0.09 + e₂²)² / ((0.09² + e₂⁴)/9).
        var comparison = ElboTableReport.Comparison(Summary(), Paper());
        double v1 = 0.09, v2 = 0.1681 * 10 / 9;
        Assert.Equal(1.5 / Math.Sqrt(v1 + v2), (double)comparison["t"][1], 9);
        Assert.Equal((v1 + v2) * (v1 + v2) / ((v1 * v1 + v2 * v2) / 9), (double)comparison["df"][1], 9);
        Assert.Equal(StudentTDistribution.TwoSidedPValue((double)comparison["t"][1], (double)comparison["df"][1]), (double)comparison["p"][1]);
        Assert.True((double)comparison["p"][1] < 0.05);
    }

    [Fact]
    public void AQuickRunSaysPlainlyThatItIsNotComparable()
    {
        var quick = ElboTableParameters.Quick.WithConfigurations(["8x4"]).WithEstimators(["ReinMax", "ST", "GR-MC100", "ReinMax-CV", "zgr"]);
        var summary = Summary();
        var table = ElboTableReport.Table(summary.Filter(summary["config"].ElementwiseEquals("8x4")), quick);
        var reasons = string.Join("; ", Comparability.OfElboTableCell(quick, "8x4", "ReinMax").Reasons);
        Assert.Contains("epochs (published: 160)", reasons, StringComparison.Ordinal);
        var notComparable = "not comparable: " + reasons;
        Assert.Equal([notComparable, notComparable + "; 2 of 12 runs diverged and are left out", notComparable, "not published", "not published"],
            table["8x4 vs published"].Cast<string>());
        Assert.DoesNotContain(table["8x4 vs published"].Cast<string>(), v => v.Contains("t =", StringComparison.Ordinal));
    }

    [Fact]
    public void TheComparisonFrameHasTheTestVerdictAndSourcePerCell()
    {
        var comparison = ElboTableReport.Comparison(Summary(), Paper());
        Assert.Equal(["config", "estimator", "runs", "diverged_runs", "mean_train_elbo", "se_train_elbo", "published_mean", "published_se",
            "published_seeds", "t", "df", "p", "verdict", "detail", "source"], comparison.Columns.Select(c => c.Name));
        Assert.Equal(7, comparison.Rows.Count);
        Assert.Equal(["no significant difference", "significant difference", "not comparable", "not published", "not published",
            "no significant difference", "not comparable"], comparison["verdict"].Cast<string>());
        Assert.Equal(0.36 / 0.7, (double)comparison["t"][0], 9);
        Assert.True(double.IsNaN((double)comparison["t"][2]) && double.IsNaN((double)comparison["df"][2]) && double.IsNaN((double)comparison["p"][2]));
        Assert.Equal((10, 2), ((int)comparison["runs"][1], (int)comparison["diverged_runs"][1]));
        Assert.Equal((136.40, 0.41, 10), ((double)comparison["published_mean"][1], (double)comparison["published_se"][1], (int)comparison["published_seeds"][1]));
        Assert.Equal(0, (int)comparison["published_seeds"][3]);
        Assert.Equal(PublishedResults.ElboCell("8x4", "ST")!.TrainElbo.Citation(), (string)comparison["source"][1]);
        Assert.Contains("results/results_seed{0..9}_st_cat8_lat4_optAdam_lr0.001_temp1.3.txt", (string)comparison["source"][1], StringComparison.Ordinal);
        Assert.EndsWith("danielwang0452/DiscreteNumericalMethodsASC at 62697d1", (string)comparison["source"][1], StringComparison.Ordinal);
        Assert.Equal("", (string)comparison["source"][3]);
    }

    [Fact]
    public void ABestIsStarredOnlyWhenItStandsAboveTheNoiseOfEveryOtherCell()
    {
        var summary = Frame(
        [
            // 8×4 train: A and B are 0.15 apart with standard errors 0.10 (t = −1.06): neither is the best above noise; C is far above.
            ("8x4", "A", 10, 0, 100.00, 0.10), ("8x4", "B", 10, 0, 100.15, 0.10), ("8x4", "C", 10, 0, 105.00, 0.10),
            // 4×24: one run per cell, no standard error.
            ("4x24", "A", 1, 0, 90.0, double.NaN), ("4x24", "B", 1, 0, 91.0, double.NaN),
            // 8×16: D has the lowest mean but a diverged run; E, clean, is the best and stands above F.
            ("8x16", "D", 9, 1, 95.0, 0.10), ("8x16", "E", 10, 0, 96.0, 0.10), ("8x16", "F", 10, 0, 98.0, 0.10),
        ]);
        var table = ElboTableReport.Table(summary);
        Assert.Equal(["100.00 ± 0.10 ≈", "100.15 ± 0.10 ≈", "105.00 ± 0.10"], table["8x4 train"].Cast<string>().Take(3));
        Assert.Equal(["90.00 (1 run)", "91.00 (1 run)"], table["4x24 train"].Cast<string>().Where(t => t != "—"));
        Assert.Equal(["95.00 ± 0.10 (1 of 10 diverged)", "96.00 ± 0.10 ★", "98.00 ± 0.10"], table["8x16 train"].Cast<string>().Where(t => t != "—"));
        Assert.Equal("No ★ or ≈ in 4×24 train, 4×24 test: one run per cell, so no standard error.", ElboTableReport.MarksNote(summary));

        var markdown = ElboTableReport.ToMarkdown(summary, "subtitle");
        Assert.Contains("| 100.00 ± 0.10 ≈ |", markdown, StringComparison.Ordinal);
        Assert.Contains("**96.00 ± 0.10 ★**", markdown, StringComparison.Ordinal);
        Assert.Contains(ElboTableReport.Legend, markdown, StringComparison.Ordinal);
        Assert.Contains("No ★ or ≈ in 4×24 train, 4×24 test", markdown, StringComparison.Ordinal);
        Assert.Null(ElboTableReport.MarksNote(Frame([("8x4", "A", 3, 0, 1.0, 0.1), ("8x4", "B", 3, 0, 2.0, 0.1)])));
        Assert.Equal("No ★ or ≈ in 8×4 train, 8×4 test: B has one finite run, so no standard error.",
            ElboTableReport.MarksNote(Frame([("8x4", "A", 3, 0, 1.0, 0.1), ("8x4", "B", 1, 2, 2.0, double.NaN)])));
    }

    [Fact]
    public void MarkdownAndHtmlShowThePublishedValueItsSourceAndTheVerdict()
    {
        var markdown = ElboTableReport.ToMarkdown(Summary(), "subtitle", Paper());
        Assert.Contains("| estimator | 8×4 train | 8×4 published train | 8×4 vs published | 8×4 test | 10×30 train |", markdown, StringComparison.Ordinal);
        Assert.Contains("| ReinMax | 125.20 ± 0.10 | 125.08 ± 0.20 [1] | no significant difference (Welch's t = +0.51, df = 12.9, p = 0.62) | 126.20 ± 0.10 |",
            markdown, StringComparison.Ordinal);
        Assert.Contains("| ReinMax-CV | 124.90 ± 0.20 | — | not published |", markdown, StringComparison.Ordinal);
        Assert.Contains("No ★ or ≈ in 8×4 train, 8×4 test: GR-MC100 has one finite run, so no standard error.", markdown, StringComparison.Ordinal);
        Assert.Contains(ElboTableReport.ComparisonLegend, markdown, StringComparison.Ordinal);
        Assert.Contains("Sources of the published numbers:\n\n1. train −ELBO table (process_results.py): results/results_seed{0..9}_reinmax_cat8_lat4_optAdam_lr0.0005_temp1.3.txt, epoch 160",
            markdown, StringComparison.Ordinal);
        // One source per published number shown (ReinMax, ST and GR-MC100 on both configurations, run or not), numbered row by row.
        Assert.Contains("\n6. ", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("\n7. ", markdown, StringComparison.Ordinal);
        Assert.Contains("| 98.50 ± 0.13 [2] |", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain(ElboTableReport.ComparisonLegend, ElboTableReport.ToMarkdown(Summary(), "subtitle"), StringComparison.Ordinal);

        var html = ElboTableReport.ToHtml(Summary(), "subtitle", Paper());
        Assert.Contains("<th colspan=\"4\"", html, StringComparison.Ordinal);
        Assert.Contains("<th style=\"padding:2px 8px\">vs published</th>", html, StringComparison.Ordinal);
        Assert.Contains(">125.08 ± 0.20 [1]</td>", html, StringComparison.Ordinal);
        Assert.Contains(">significant difference (Welch's t = +2.85", html, StringComparison.Ordinal);
        Assert.Contains(">not comparable: learning rate 0.0007 (published: 0.007)</td>", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{PublishedResults.RepositoryUrl}\">{PublishedResults.RepositoryCitation}</a>", html, StringComparison.Ordinal);
        Assert.Contains("<li>train −ELBO table (process_results.py): results/results_seed{0..9}_reinmax_cat8_lat4_optAdam_lr0.0005_temp1.3.txt, epoch 160</li>",
            html, StringComparison.Ordinal);
        Assert.Contains("the Beyond ReinMax authors' result files", ElboTableReport.ToHtmlPage(Summary(), "s", Paper()), StringComparison.Ordinal);
        Assert.Equal(5, html.Split("<tr><td").Length - 1);
    }
    /// <summary>Runs as <see cref="ElboTableResult.Runs"/> holds them; the test −ELBO is the train one plus 1 (NaN when diverged).</summary>
    private static DataFrame Runs(params (string Config, string Estimator, long Seed, double Loss, bool Diverged)[] runs) => new(
        new StringDataFrameColumn("config", runs.Select(r => r.Config)),
        new StringDataFrameColumn("estimator", runs.Select(r => r.Estimator)),
        new Int64DataFrameColumn("seed", runs.Select(r => r.Seed)),
        new DoubleDataFrameColumn("final_train_elbo", runs.Select(r => r.Diverged ? double.NaN : r.Loss)),
        new DoubleDataFrameColumn("final_test_elbo", runs.Select(r => r.Diverged ? double.NaN : r.Loss + 1)),
        new BooleanDataFrameColumn("diverged", runs.Select(r => r.Diverged)));

    [Fact]
    public void GivenItsRunsTheTableMarksByTheRunsPairedBySeedAsItsReadingDoes()
    {
        // A and B move together from seed to seed (100/110/120 against 101/111.2/121.1): their means, 110.0 ± 5.8 and 111.1 ± 5.8,
        // are far within noise of each other by Welch's t, but B lies above A by 1.1 ± 0.06 paired by seed (t(2) = 19).
        var runs = Runs(("8x4", "A", 0, 100, false), ("8x4", "A", 1, 110, false), ("8x4", "A", 2, 120, false),
            ("8x4", "B", 0, 101, false), ("8x4", "B", 1, 111.2, false), ("8x4", "B", 2, 121.1, false));
        var summary = ElboTable.Summarise(runs);
        Assert.Equal(["110.00 ± 5.77 ≈", "111.10 ± 5.80 ≈"], ElboTableReport.Table(summary)["8x4 train"].Cast<string>());
        Assert.Equal(["110.00 ± 5.77 ★", "111.10 ± 5.80"], ElboTableReport.Table(summary, runs: runs)["8x4 train"].Cast<string>());
        Assert.Equal(["111.00 ± 5.77 ★", "112.10 ± 5.80"], ElboTableReport.Table(summary, runs: runs)["8x4 test"].Cast<string>());
        Assert.Contains("**110.00 ± 5.77 ★**", ElboTableReport.ToMarkdown(summary, "subtitle", runs: runs), StringComparison.Ordinal);
        Assert.Contains("the lowest, A, is separated from 1 of the 1 others (B)", ElboTableReading.Of(runs).Sentences[1], StringComparison.Ordinal);

        // The other way round: B's seeds disagree in sign (+4, −3.8, +4.1 against A), so no pairing resolves them, though Welch's t
        // on means 1.43 apart with standard errors 0.06 and 0.33 would.
        var noisy = Runs(("8x4", "A", 0, 100, false), ("8x4", "A", 1, 100.1, false), ("8x4", "A", 2, 100.2, false),
            ("8x4", "B", 0, 104, false), ("8x4", "B", 1, 96.3, false), ("8x4", "B", 2, 104.3, false));
        var noisySummary = ElboTable.Summarise(noisy);
        Assert.Equal(["100.10 ± 0.06 ≈", "101.53 ± 2.62 ≈"], ElboTableReport.Table(noisySummary, runs: noisy)["8x4 train"].Cast<string>());
        Assert.Contains("no row is separated from the lowest, A", ElboTableReading.Of(noisy).Sentences[1], StringComparison.Ordinal);
    }

    [Fact]
    public void TheReadingNamesTheLowestRowAsTheTableMarksItAmongRowsWithNoDivergedRun()
    {
        // D's two finished runs are the lowest, but its third diverged: the table's lowest is E, which D lies below and C above on
        // every seed, so E is starred and the reading names both as separated from it.
        var runs = Runs(("8x4", "D", 0, 90, false), ("8x4", "D", 1, 91, false), ("8x4", "D", 2, 0, true),
            ("8x4", "E", 0, 95, false), ("8x4", "E", 1, 96, false), ("8x4", "E", 2, 97, false),
            ("8x4", "C", 0, 99, false), ("8x4", "C", 1, 100.1, false), ("8x4", "C", 2, 100.9, false));
        var table = ElboTableReport.Table(ElboTable.Summarise(runs), runs: runs);
        Assert.Equal(["90.50 ± 0.50 (1 of 3 diverged)", "96.00 ± 0.58 ★", "100.00 ± 0.55"], table["8x4 train"].Cast<string>());
        Assert.Equal("8x4: mean final train −ELBO from 90.5 (D) to 100.0 (C), a spread of 9.5 nats; the lowest with no diverged run, E, is " +
            "separated from 2 of the 2 others (D, C); 1 diverged run left out.", ElboTableReading.Of(runs).Sentences[1]);
    }
}

using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Published;

namespace NotebookExperiments.Tests.Analyses;

/// <summary>
/// The −ELBO table beside the published numbers: a hand-made summary whose cells are within 2 s.e., farther, not comparable (one
/// run; quick-style parameters; ST on 10×30 at the preset's learning rate) and not published (ReinMax-CV, a row of one's own).
/// </summary>
public class ElboTableReportTests
{
    /// <summary>The paper protocol on 8×4 and 10×30 for ReinMax, ST, GR-MC100, ReinMax-CV and a row of one's own (ZGR).</summary>
    private static ElboTableParameters Paper() =>
        ElboTableParameters.Paper.WithConfigurations(["8x4", "10x30"]).WithEstimators(["ReinMax", "ST", "GR-MC100", "ReinMax-CV", "zgr"]);

    /// <summary>
    /// 8×4: ReinMax 125.20 ± 0.10 (published 125.08 ± 0.20: z = +0.54), ST 137.90 ± 0.30 (136.40 ± 0.41: z = +2.95), GR-MC100 one
    /// run, ReinMax-CV and zgr. 10×30: ReinMax 98.40 ± 0.10 (98.50 ± 0.13: z = −0.61), ST 120.00 ± 0.50 (published at 7e-3).
    /// </summary>
    private static DataFrame Summary()
    {
        (string Config, string Estimator, int Runs, double Mean, double Se)[] cells =
        [
            ("8x4", "ReinMax", 10, 125.20, 0.10), ("8x4", "ST", 10, 137.90, 0.30), ("8x4", "GR-MC100", 1, 126.00, double.NaN),
            ("8x4", "ReinMax-CV", 10, 124.90, 0.20), ("8x4", "zgr", 10, 126.50, 0.20),
            ("10x30", "ReinMax", 10, 98.40, 0.10), ("10x30", "ST", 10, 120.00, 0.50),
        ];
        return new DataFrame(
            new StringDataFrameColumn("config", cells.Select(c => c.Config)),
            new StringDataFrameColumn("estimator", cells.Select(c => c.Estimator)),
            new Int32DataFrameColumn("runs", cells.Select(c => c.Runs)),
            new Int32DataFrameColumn("diverged_runs", cells.Select(_ => 0)),
            new DoubleDataFrameColumn("mean_train_elbo", cells.Select(c => c.Mean)),
            new DoubleDataFrameColumn("se_train_elbo", cells.Select(c => c.Se)),
            new DoubleDataFrameColumn("mean_test_elbo", cells.Select(c => c.Mean + 1)),
            new DoubleDataFrameColumn("se_test_elbo", cells.Select(c => c.Se)),
            new BooleanDataFrameColumn("best_train", cells.Select(c => c.Estimator == "ReinMax-CV" || (c.Config == "10x30" && c.Estimator == "ReinMax"))),
            new BooleanDataFrameColumn("best_test", cells.Select(_ => false)));
    }

    [Fact]
    public void EachTrainCellStandsBesideItsPublishedNumberWithAVerdict()
    {
        var table = ElboTableReport.Table(Summary(), Paper());
        Assert.Equal(["estimator", "8x4 train", "8x4 published train", "8x4 vs published", "8x4 test",
            "10x30 train", "10x30 published train", "10x30 vs published", "10x30 test"], table.Columns.Select(c => c.Name));
        Assert.Equal(["ReinMax", "ST", "GR-MC100", "ReinMax-CV", "zgr"], table["estimator"].Cast<string>());

        Assert.Equal("125.08 ± 0.20", (string)table["8x4 published train"][0]);
        Assert.Equal("within 2 s.e. (z = +0.54)", (string)table["8x4 vs published"][0]);
        Assert.Equal("farther (z = +2.95)", (string)table["8x4 vs published"][1]);
        Assert.Equal("125.65 ± 0.14", (string)table["8x4 published train"][2]);
        Assert.Equal("not comparable: one run of ours: no standard error", (string)table["8x4 vs published"][2]);
        Assert.Equal(("—", "not published"), ((string)table["8x4 published train"][3], (string)table["8x4 vs published"][3]));
        Assert.Equal(("—", "not published"), ((string)table["8x4 published train"][4], (string)table["8x4 vs published"][4]));

        Assert.Equal("within 2 s.e. (z = -0.61)", (string)table["10x30 vs published"][0]);
        Assert.Equal("136.73 ± 0.40 (learning rate 7e-3 as published)", (string)table["10x30 published train"][1]);
        Assert.Equal("not comparable: learning rate 0.0007 (published: 0.007)", (string)table["10x30 vs published"][1]);
        Assert.Equal("—", (string)table["10x30 vs published"][2]);   // GR-MC100 was not run on 10×30 in this summary
        Assert.Equal("98.40 ± 0.10 ★", (string)table["10x30 train"][0]);

        // Without the parameters, the table is what it was.
        Assert.Equal(["estimator", "8x4 train", "8x4 test", "10x30 train", "10x30 test"], ElboTableReport.Table(Summary()).Columns.Select(c => c.Name));
    }

    [Fact]
    public void AQuickRunSaysPlainlyThatItIsNotComparable()
    {
        var quick = ElboTableParameters.Quick.WithConfigurations(["8x4"]).WithEstimators(["ReinMax", "ST", "GR-MC100", "ReinMax-CV", "zgr"]);
        var summary = Summary();
        var table = ElboTableReport.Table(summary.Filter(summary["config"].ElementwiseEquals("8x4")), quick);
        const string notComparable = "not comparable: 3 epochs (published: 160); 10,000 training images (published: 60,000)";
        Assert.Equal([notComparable, notComparable, notComparable, "not published", "not published"], table["8x4 vs published"].Cast<string>());
        Assert.DoesNotContain(table["8x4 vs published"].Cast<string>(), v => v.Contains("z =", StringComparison.Ordinal));
    }

    [Fact]
    public void TheComparisonFrameHasZAndVerdictPerCell()
    {
        var comparison = ElboTableReport.Comparison(Summary(), Paper());
        Assert.Equal(["config", "estimator", "runs", "mean_train_elbo", "se_train_elbo", "published_mean", "published_se", "published_seeds", "z", "verdict", "detail"],
            comparison.Columns.Select(c => c.Name));
        Assert.Equal(7, comparison.Rows.Count);
        Assert.Equal(["within 2 s.e.", "farther", "not comparable", "not published", "not published", "within 2 s.e.", "not comparable"],
            comparison["verdict"].Cast<string>());
        Assert.Equal(0.12 / Math.Sqrt(0.01 + 0.04), (double)comparison["z"][0], 9);
        Assert.Equal(1.5 / Math.Sqrt(0.09 + 0.41 * 0.41), (double)comparison["z"][1], 9);
        Assert.True(double.IsNaN((double)comparison["z"][2]));
        Assert.Equal((136.40, 0.41, 10), ((double)comparison["published_mean"][1], (double)comparison["published_se"][1], (int)comparison["published_seeds"][1]));
        Assert.Equal(0, (int)comparison["published_seeds"][3]);
    }

    [Fact]
    public void MarkdownAndHtmlShowThePublishedValueAndTheVerdict()
    {
        var markdown = ElboTableReport.ToMarkdown(Summary(), "subtitle", Paper());
        Assert.Contains("| estimator | 8×4 train | 8×4 published train | 8×4 vs published | 8×4 test | 10×30 train |", markdown, StringComparison.Ordinal);
        Assert.Contains("| ReinMax | 125.20 ± 0.10 | 125.08 ± 0.20 | within 2 s.e. (z = +0.54) | 126.20 ± 0.10 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| ReinMax-CV | **124.90 ± 0.20 ★** | — | not published |", markdown, StringComparison.Ordinal);
        Assert.Contains(ElboTableReport.ComparisonLegend, markdown, StringComparison.Ordinal);
        Assert.DoesNotContain(ElboTableReport.ComparisonLegend, ElboTableReport.ToMarkdown(Summary(), "subtitle"), StringComparison.Ordinal);

        var html = ElboTableReport.ToHtml(Summary(), "subtitle", Paper());
        Assert.Contains("<th colspan=\"4\"", html, StringComparison.Ordinal);
        Assert.Contains("<th style=\"padding:2px 8px\">vs published</th>", html, StringComparison.Ordinal);
        Assert.Contains(">125.08 ± 0.20</td>", html, StringComparison.Ordinal);
        Assert.Contains(">farther (z = +2.95)</td>", html, StringComparison.Ordinal);
        Assert.Contains(">not comparable: learning rate 0.0007 (published: 0.007)</td>", html, StringComparison.Ordinal);
        Assert.Contains("within 2 s.e.", html, StringComparison.Ordinal);
        Assert.Contains("the Beyond ReinMax authors' result files", ElboTableReport.ToHtmlPage(Summary(), "s", Paper()), StringComparison.Ordinal);
        Assert.Equal(5, html.Split("<tr><td").Length - 1);
    }
}

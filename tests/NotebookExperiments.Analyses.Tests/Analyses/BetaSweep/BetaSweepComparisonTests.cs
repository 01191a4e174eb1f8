using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Published;
using NotebookExperiments.Tests.Charts;

namespace NotebookExperiments.Tests.Analyses;

/// <summary>
/// The β sweep point by point beside the published sweep: Welch's t where the source gives a standard error (β ≥ 0.5), the one-sample
/// t on ours at the collapse level (β ≤ 0.45), diverged runs named, and the points without a published number said so.
/// </summary>
public class BetaSweepComparisonTests
{
    private static readonly BetaSweepParameters Paper =
        BetaSweepParameters.Paper with { Configurations = [BetaSweepParameters.Paper.Configurations[0], BetaSweepParameters.Paper.Configurations[1]] };

    /// <summary>A summary as <see cref="BetaSweep.Summarise"/> writes it.</summary>
    private static DataFrame Summary((string Config, double Beta, int Runs, int Diverged, double Mean, double Sd)[] points) => new(
        new StringDataFrameColumn("config", points.Select(p => p.Config)),
        new DoubleDataFrameColumn("beta", points.Select(p => p.Beta)),
        new Int32DataFrameColumn("runs", points.Select(p => p.Runs)),
        new DoubleDataFrameColumn("mean_train_elbo", points.Select(p => p.Mean)),
        new DoubleDataFrameColumn("sd_train_elbo", points.Select(p => p.Sd)),
        new Int32DataFrameColumn("diverged_runs", points.Select(p => p.Diverged)));

    [Fact]
    public void EachPointGetsItsVerdictAndSource()
    {
        var comparison = BetaSweepComparison.Of(Summary(
        [
            ("8x4", 0.3, 5, 0, 214.45, 0.02),      // collapse level, no published s.e.: t = 0.04 / (0.02/√5) = 4.47, ν = 4
            ("8x4", 0.55, 5, 0, 133.5, 1.0),       // against 133.05 ± 0.58 over 5 seeds
            ("8x4", 0.6, 4, 1, 140.0, 1.0),        // far above 133.19 ± 0.40, one run diverged
            ("8x4", 0.43, 5, 0, 200.0, 1.0),       // no published point
            ("8x4", 1.2, 1, 0, 143.0, double.NaN), // one run
            ("8x16", 0.5, 5, 0, 99.0, 0.5),        // Fig. 2 draws 8×16; its numbers are not available
        ]), Paper);

        Assert.Equal(["config", "beta", "runs", "diverged_runs", "mean_train_elbo", "se_train_elbo", "published_mean", "published_se", "published_seeds",
            "t", "df", "p", "verdict", "detail", "source"], comparison.Columns.Select(c => c.Name));
        Assert.Equal(["significant difference", "no significant difference", "significant difference", "not published", "not comparable", "not published"],
            comparison["verdict"].Cast<string>());

        Assert.Equal(0.02 / Math.Sqrt(5), (double)comparison["se_train_elbo"][0], 12);
        Assert.Equal(0.04 / (0.02 / Math.Sqrt(5)), (double)comparison["t"][0], 6);
        Assert.Equal(4, (double)comparison["df"][0]);
        Assert.EndsWith("; published s.e. not given, ours only)", (string)comparison["detail"][0], StringComparison.Ordinal);

        // β = 0.55: e₁² = 1/5, e₂² = 0.58²·5/4 (the sample standard error of the source's n-denominator one).
        double v1 = 0.2, v2 = 0.58 * 0.58 * 5 / 4;
        Assert.Equal(0.45 / Math.Sqrt(v1 + v2), (double)comparison["t"][1], 9);
        Assert.Equal((v1 + v2) * (v1 + v2) / (v1 * v1 / 4 + v2 * v2 / 4), (double)comparison["df"][1], 9);
        Assert.Equal((133.05, 0.58, 5), ((double)comparison["published_mean"][1], (double)comparison["published_se"][1], (int)comparison["published_seeds"][1]));
        Assert.Equal(PublishedResults.BetaSweep.Single(p => p.Beta == 0.55).TrainElbo.Citation(), (string)comparison["source"][1]);
        Assert.Contains("_beta0.55.txt, epoch 50", (string)comparison["source"][1], StringComparison.Ordinal);

        Assert.EndsWith("; 1 of 5 runs diverged and is left out", (string)comparison["detail"][2], StringComparison.Ordinal);
        Assert.Equal("not published: no published point at β = 0.43", (string)comparison["detail"][3]);
        Assert.Equal("not comparable: one run of ours with a finite result: no standard error", (string)comparison["detail"][4]);
        Assert.Equal("not published: Fig. 2 draws 8×16, but its numbers are not in the authors' result files", (string)comparison["detail"][5]);
        Assert.Equal("", (string)comparison["source"][5]);
    }

    [Fact]
    public void AQuickSweepIsNotComparedAndEveryPointSaysWhatDiffers()
    {
        var quick = BetaSweepParameters.Quick;
        var comparison = BetaSweepComparison.Of(Summary([("8x4", 0.0, 2, 0, 214.5, 0.1), ("8x4", 0.5, 2, 0, 150.0, 2.0)]), quick);
        var reasons = string.Join("; ", Comparability.OfBetaSweep(quick).Reasons);
        Assert.Equal(["not comparable: " + reasons, "not comparable: " + reasons], comparison["detail"].Cast<string>());
        Assert.True(comparison["t"].Cast<double>().All(double.IsNaN));
    }
}

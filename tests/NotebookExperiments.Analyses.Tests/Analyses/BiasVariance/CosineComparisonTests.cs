using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Published;
using NotebookExperiments.Tests.Charts;

namespace NotebookExperiments.Tests.Analyses;

/// <summary>
/// The cosines point by point beside Fig. 1's: Welch's t with the published standard error over 10 seeds, the seeds without a finite
/// cosine named, and the estimators, τ and epochs without a published cosine said so.
/// </summary>
public class CosineComparisonTests
{
    private const string ReinMaxCv = "reinmax-cv:eta=0.7,tau2=0.1,k=100";

    /// <summary>Per-seed statistics as the study stores them, summarised by <see cref="BiasVarianceStudy.Summarise"/>.</summary>
    private static DataFrame Summary()
    {
        (int Epoch, string Spec, string Title, double[] Cosines)[] rows =
        [
            (10, "st:tau=1", "ST", [0.50, 0.52, 0.48, 0.54]),
            (10, "reinmax:tau=1", "ReinMax", [0.95, 0.96, 0.97, double.NaN]),
            (10, "zgr", "ZGR", [0.9, 0.91, 0.92, 0.93]),
            (10, ReinMaxCv, "ReinMax-CV", [0.8, 0.81, 0.82, 0.83]),
            (3, "st:tau=1", "ST", [0.5, 0.51, 0.52, 0.53]),
            (10, "st:tau=0.5", "ST", [0.4, 0.41, 0.42, 0.43]),
        ];
        var flat = rows.SelectMany(r => r.Cosines.Select((c, seed) => (r.Epoch, r.Spec, r.Title, Seed: seed, Cosine: c))).ToList();
        return BiasVarianceStudy.Summarise(new DataFrame(
            new Int64DataFrameColumn("seed", flat.Select(f => (long)f.Seed)),
            new Int32DataFrameColumn("epoch", flat.Select(f => f.Epoch)),
            new StringDataFrameColumn("estimator", flat.Select(f => f.Spec)),
            new StringDataFrameColumn("title", flat.Select(f => f.Title)),
            new DoubleDataFrameColumn("cosine", flat.Select(f => f.Cosine)),
            new DoubleDataFrameColumn("relative_std", flat.Select(_ => 1.0))));
    }

    [Fact]
    public void EachCosineGetsItsVerdictAndSource()
    {
        var comparison = CosineComparison.Of(Summary(), BiasVarianceParameters.Paper);
        Assert.Equal(["epoch", "estimator", "title", "seeds", "left_out_seeds", "cosine_mean", "cosine_se", "published_mean", "published_se", "published_seeds",
            "t", "df", "p", "verdict", "detail", "source"], comparison.Columns.Select(c => c.Name));
        Assert.Equal(["no significant difference", "significant difference", "not published", "not published", "not published", "not published"],
            comparison["verdict"].Cast<string>());

        // ST at epoch 10: 0.51 ± 0.0129 (4 seeds) against 0.49 ± 0.040 over 10 seeds (sample s.e. 0.040·√(10/9)).
        double v1 = Math.Pow(Math.Sqrt(0.002 / 3) / 2, 2), v2 = 0.04 * 0.04 * 10 / 9;
        Assert.Equal(0.02 / Math.Sqrt(v1 + v2), (double)comparison["t"][0], 9);
        Assert.Equal((v1 + v2) * (v1 + v2) / (v1 * v1 / 3 + v2 * v2 / 9), (double)comparison["df"][0], 9);
        Assert.Equal((0.49, 0.04, 10), ((double)comparison["published_mean"][0], (double)comparison["published_se"][0], (int)comparison["published_seeds"][0]));
        Assert.Contains("results/cosine_reinmax_epoch10_seed{0..9}_method_st_cat8_lat4", (string)comparison["source"][0], StringComparison.Ordinal);

        Assert.Equal((3, 1), ((int)comparison["seeds"][1], (int)comparison["left_out_seeds"][1]));
        Assert.EndsWith("; 1 of 4 seeds gave no finite cosine and is left out", (string)comparison["detail"][1], StringComparison.Ordinal);
        Assert.Equal("not published: Fig. 1 has no ZGR", (string)comparison["detail"][2]);
        Assert.Equal("not published: Fig. 1 draws ReinMax-CV (τ₂ = 0.1), but its numbers are not in the authors' result files", (string)comparison["detail"][3]);
        Assert.Equal("not published: no published cosine at epoch 3 (published: epochs 1, 10, 20, 30, 40, 50)", (string)comparison["detail"][4]);
        Assert.Equal("not published: ST is published at τ = 1 only (st:tau=1)", (string)comparison["detail"][5]);
    }

    [Fact]
    public void AStudyAtTheAuthorsScriptCountIsNotComparedAndSaysWhy()
    {
        var comparison = CosineComparison.Of(Summary(), BiasVarianceParameters.Paper with { Samples = 512 });
        Assert.Equal("not comparable: 512 estimates (published: 1024, Fig. 1's caption)", (string)comparison["detail"][0]);
        Assert.Equal("not comparable: 512 estimates (published: 1024, Fig. 1's caption); 1 of 4 seeds gave no finite cosine and is left out",
            (string)comparison["detail"][1]);
    }
}

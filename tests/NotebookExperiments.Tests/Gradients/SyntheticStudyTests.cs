using NotebookExperiments.Estimators;
using NotebookExperiments.Gradients;
using static TorchSharp.torch;

namespace NotebookExperiments.Tests.Gradients;

public class SyntheticStudyTests
{
    [Fact]
    public void OneSeedFixesTheObjectiveTheLogitsAndTheDraws()
    {
        // The documented rule: objective from Seed, logits from Seed + 1, draws from Seed + 2.
        var study = new SyntheticStudy(SyntheticObjectiveKind.Quadratic, Categories: 5, Latents: 3, Samples: 300, Batch: 2, Seed: 11);
        var objective = SyntheticObjective.Create(SyntheticObjectiveKind.Quadratic, 5, 3, 11);
        using var logitGenerator = new Generator(12);
        var logits = objective.RandomLogits(2, logitGenerator);
        using var generator = new Generator(13);
        var direct = GradientStatistics.Measure(EstimatorCatalog.Default.Create("reinmax:tau=0.7"), logits, objective.Evaluate, 300, generator);

        var measured = Assert.Single(study.Measure(["reinmax:tau=0.7"]));

        Assert.Equal(direct, measured);
        // Every estimator sees the same draws: ReinMax at τ = 1 is ZGR sample by sample, so the numbers agree exactly.
        var (zgr, reinMax) = (study.Measure(EstimatorCatalog.Default.Create("zgr")), study.Measure(EstimatorCatalog.Default.Create("reinmax:tau=1")));
        Assert.Equal(zgr.Cosine, reinMax.Cosine, 12);
        Assert.Equal(zgr.Mse, reinMax.Mse, 12);
    }

    [Theory]
    [InlineData(1, 4, 10, 1, 1.0, "C must be at least 2, not 1.")]
    [InlineData(4, 0, 10, 1, 1.0, "L must be at least 1, not 0.")]
    [InlineData(4, 2, 1, 1, 1.0, "N must be at least 2 (a spread needs two estimates), not 1.")]
    [InlineData(4, 2, 10, 0, 1.0, "The batch must be at least 1, not 0.")]
    [InlineData(4, 2, 10, 1, -1.0, "The logit scale must be finite and > 0, not -1.")]
    public void OutOfRangeValuesAreRefusedWithTheirName(int categories, int latents, int samples, int batch, double scale, string message)
    {
        var study = new SyntheticStudy(SyntheticObjectiveKind.Linear, categories, latents, samples, batch, 0, scale);
        Assert.StartsWith(message, Assert.Throws<ArgumentException>(study.Validate).Message);
    }
}

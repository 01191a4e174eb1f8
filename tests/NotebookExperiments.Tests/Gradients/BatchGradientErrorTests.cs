using NotebookExperiments.Estimators;
using NotebookExperiments.Gradients;
using NotebookExperiments.Tests.Support;
using static TorchSharp.torch;

namespace NotebookExperiments.Tests.Gradients;

/// <summary>The error of a batch-mean gradient of an output layer against the batch size, from Gram matrices.</summary>
public class BatchGradientErrorTests
{
    private static Tensor Features(int pool, int width, ulong seed)
    {
        using var generator = new Generator(seed);
        return rand([pool, width], ScalarType.Float64, generator: generator);
    }

    [Fact]
    public void MatchesTheOutputLayersGradientsFormedOneByOne()
    {
        // Pool of 6: B = 4 keeps one batch and leaves two examples out.
        var problem = Problem.Create(SyntheticObjectiveKind.Mlp, categories: 3, latents: 2, batch: 6);
        var features = Features(6, 4, 5);
        var estimator = new StraightThroughGumbelSoftmax(0.5);
        const int n = 40;
        int[] sizes = [1, 2, 3, 4, 6];
        Assert.Equal(n, GradientSampler.ChunkSize(estimator, problem.Logits, n)); // one pass: the same draws as Draw below
        using var generator = new Generator(3);
        var measured = BatchGradientError.Measure(estimator, problem.Logits, problem.F, problem.Exact, features, sizes, n, generator);

        var errors = (problem.Draw(estimator, n, seed: 3) - problem.Exact).reshape(n, 6, -1);   // [n, P, L·C]
        var exact = problem.Exact.reshape(6, -1);
        var inputs = cat([features, ones(6, 1, dtype: ScalarType.Float64)], 1);                  // (h_b, 1)
        // The gradient of (1/B) Σ_{b∈S} f_b with respect to (W, c): (1/B) Σ_b g_b ⊗ (h_b, 1), one [L·C, H + 1] matrix per batch.
        Tensor LayerGradient(Tensor perExample, int start, int size) =>
            einsum("bk,bh->kh", perExample.narrow(0, start, size), inputs.narrow(0, start, size)) / size;
        for (int s = 0; s < sizes.Length; s++)
        {
            int b = sizes[s], batches = 6 / b;
            var perEstimate = new double[n];
            double variance = 0, exactNorm = 0;
            for (int j = 0; j < batches; j++)
            {
                var grads = stack(Enumerable.Range(0, n).Select(i => LayerGradient(errors[i], j * b, b)));   // [n, L·C, H + 1]
                for (int i = 0; i < n; i++) perEstimate[i] += grads[i].square().sum().item<double>() / batches;
                variance += (grads - grads.mean([0])).square().sum().item<double>() / (n - 1) / batches;
                exactNorm += LayerGradient(exact, j * b, b).square().sum().item<double>() / batches;
            }
            double mse = perEstimate.Average();
            double se = Math.Sqrt(perEstimate.Sum(v => (v - mse) * (v - mse)) / (n - 1) / n);
            var m = measured[s];
            Assert.Equal((b, batches, n), (m.BatchSize, m.Batches, m.Samples));
            Assert.Equal(mse, m.Mse, 1e-10 * mse);
            Assert.Equal(se, m.MseStandardError, 1e-8 * se);
            Assert.Equal(variance, m.Variance, 1e-9 * mse);
            Assert.Equal(mse - variance, m.SquaredBias, 1e-9 * mse);
            Assert.Equal(exactNorm, m.ExactSquaredNorm, 1e-10 * exactNorm);
            Assert.Equal(mse / exactNorm, m.RelativeMse, 1e-9 * m.RelativeMse);
        }
    }

    [Fact]
    public void RaoBlackwellisingStGsNeverRaisesTheErrorAtAnyBatchSize()
    {
        // GR-MCK is E[ST-GS | D] (docs/estimators.md, B.8), and a batch's layer gradient is linear in the examples' estimates, so its
        // MSE is at most ST-GS's for every B. One-sided, with a Bonferroni z over the batch sizes and independent draws.
        var problem = Problem.Create(SyntheticObjectiveKind.Mlp, categories: 4, latents: 2, batch: 8, scale: 2.0);
        var features = Features(8, 5, 9);
        int[] sizes = [1, 2, 4, 8];
        using var first = new Generator(21);
        var stGs = BatchGradientError.Measure(new StraightThroughGumbelSoftmax(0.3), problem.Logits, problem.F, problem.Exact, features, sizes, 800, first);
        using var second = new Generator(22);
        var grMc = BatchGradientError.Measure(new GumbelRao(0.3, 20), problem.Logits, problem.F, problem.Exact, features, sizes, 800, second);
        double z = TestStatistics.BonferroniZ(sizes.Length);
        for (int s = 0; s < sizes.Length; s++)
        {
            double tolerance = z * Math.Sqrt(Math.Pow(stGs[s].MseStandardError, 2) + Math.Pow(grMc[s].MseStandardError, 2));
            Assert.True(grMc[s].Mse <= stGs[s].Mse + tolerance,
                $"B = {sizes[s]}: GR-MC20 MSE {grMc[s].Mse:G4} above ST-GS's {stGs[s].Mse:G4} by more than {tolerance:G3}");
        }
    }

    [Fact]
    public void BatchSizesOutsideThePoolAndTooFewEstimatesAreRefused()
    {
        var problem = Problem.Create(SyntheticObjectiveKind.Quadratic, categories: 3, latents: 2, batch: 4);
        var features = Features(4, 3, 1);
        using var generator = new Generator(1);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            BatchGradientError.Measure(new StraightThrough(), problem.Logits, problem.F, problem.Exact, features, [5], 8, generator));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            BatchGradientError.Measure(new StraightThrough(), problem.Logits, problem.F, problem.Exact, features, [2], 1, generator));
        Assert.Throws<ArgumentException>(() =>
            BatchGradientError.Measure(new StraightThrough(), problem.Logits, problem.F, problem.Exact, Features(3, 3, 1), [2], 8, generator));
    }
}

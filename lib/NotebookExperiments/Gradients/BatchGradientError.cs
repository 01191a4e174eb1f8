using NotebookExperiments.Estimators;
using static TorchSharp.torch;

namespace NotebookExperiments.Gradients;

/// <summary>How far an estimator's gradient of a batch-mean loss is from the exact one, at one batch size.</summary>
/// <param name="BatchSize">B, examples per batch.</param>
/// <param name="Batches">Disjoint batches of B consecutive examples of the pool the numbers average over (⌊P/B⌋).</param>
/// <param name="Samples">N, estimates per batch.</param>
/// <param name="Mse">E‖ĝ_S − g*_S‖², the mean over the estimates and the batches (see <see cref="BatchGradientError"/>).</param>
/// <param name="MseStandardError">Its standard error over the N estimates (each estimate's error averaged over the batches first).</param>
/// <param name="SquaredBias">‖E ĝ_S − g*_S‖², averaged over the batches: <see cref="Mse"/> − <see cref="Variance"/>.</param>
/// <param name="Variance">E‖ĝ_S − E ĝ_S‖², averaged over the batches: the unbiased sample variance over the N estimates.</param>
/// <param name="ExactSquaredNorm">‖g*_S‖², averaged over the batches.</param>
public sealed record BatchSizeError(int BatchSize, int Batches, int Samples, double Mse, double MseStandardError, double SquaredBias,
    double Variance, double ExactSquaredNorm)
{
    /// <summary>MSE over the exact gradient's squared norm: 1 is an error as large as the gradient itself.</summary>
    public double RelativeMse => Mse / ExactSquaredNorm;
}

/// <summary>
/// The error of an estimator's gradient of a batch-mean loss as a function of the batch size B: the Gumbel-Rao paper's observation
/// that Rao-Blackwellising ST-GS helps most "at small batch sizes and low temperatures" (Paulus et al., ICLR 2021, Section 1).
/// </summary>
/// <remarks>
/// <para>A gradient with respect to per-example logits θ_b does not depend on B; the gradient of a model's parameters does, because
/// it averages B examples whose estimation errors are independent. Here the parameters are those of a linear layer that maps
/// features h_b to the logits, θ_b = W h_b + c (the encoder's output layer of the VAE,
/// <see cref="Models.CategoricalVae.EncoderFeatures"/>). For a batch S of B examples and per-example logit gradients g_b, the
/// gradient of (1/B) Σ_{b∈S} f_b with respect to (W, c) is (1/B) Σ_{b∈S} g_b ⊗ (h_b, 1); its squared error against the exact one is</para>
/// <para>‖ĝ_S − g*_S‖² = (1/B²) Σ_{b,b'∈S} ⟨e_b, e_b'⟩ (⟨h_b, h_b'⟩ + 1), with e_b = ĝ_b − g*_b,</para>
/// <para>computed from the Gram matrices of the errors and of the features, without forming the parameter gradients. Every
/// estimate draws every example's sample and noise independently, so the variance part falls as 1/B while the bias part, shared
/// by examples that err alike, does not: where the bias dominates (large B) two estimators with the same expectation, such as
/// ST-GS and GR-MCK (docs/estimators.md, B.8), have nearly the same MSE; where the variance dominates (small B), GR-MCK's lower
/// variance shows.</para>
/// <para>The pool of P examples is cut into ⌊P/B⌋ disjoint batches of consecutive examples (the rest unused); the statistics
/// are means over those batches and the N estimates.</para>
/// </remarks>
public static class BatchGradientError
{
    /// <summary>Measures <paramref name="samples"/> estimates at every batch size.</summary>
    /// <param name="estimator">The estimator.</param>
    /// <param name="logits">θ <c>[P, L, C]</c> of the pool.</param>
    /// <param name="objective">f, per example.</param>
    /// <param name="exact">The exact gradient of E[f] with respect to θ <c>[P, L, C]</c>.</param>
    /// <param name="features">h <c>[P, H]</c>, the input of the layer that gives θ.</param>
    /// <param name="batchSizes">The batch sizes B, each in 1..P.</param>
    /// <param name="samples">N ≥ 2.</param>
    /// <param name="generator">The source of every draw.</param>
    /// <param name="elementBudget">Latent elements per pass (<see cref="GradientSampler.DefaultElementBudget"/>).</param>
    /// <returns>One entry per batch size, in the order given.</returns>
    /// <exception cref="ArgumentException">Shapes that do not match, a batch size outside 1..P, or fewer than 2 estimates.</exception>
    public static IReadOnlyList<BatchSizeError> Measure(IGradientEstimator estimator, Tensor logits, LatentObjective objective, Tensor exact,
        Tensor features, IReadOnlyList<int> batchSizes, int samples, Generator generator, long elementBudget = GradientSampler.DefaultElementBudget)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        if (logits.dim() != 3) throw new ArgumentException($"The logits must be [P, L, C]; got [{string.Join(", ", logits.shape)}].", nameof(logits));
        long pool = logits.shape[0];
        if (!exact.shape.SequenceEqual(logits.shape)) throw new ArgumentException("The exact gradient must have the shape of the logits.", nameof(exact));
        if (features.dim() != 2 || features.shape[0] != pool)
            throw new ArgumentException($"The features must be [P = {pool}, H]; got [{string.Join(", ", features.shape)}].", nameof(features));
        if (samples < 2) throw new ArgumentOutOfRangeException(nameof(samples), samples, "At least 2 estimates are needed for a variance.");
        if (batchSizes.Count == 0) throw new ArgumentException("Give at least one batch size.", nameof(batchSizes));
        foreach (var b in batchSizes)
            if (b < 1 || b > pool) throw new ArgumentOutOfRangeException(nameof(batchSizes), b, $"Batch sizes must lie in 1..{pool}, the pool's size.");

        using var scope = NewDisposeScope();
        var h = features.detach().to(ScalarType.Float64);
        var featureGram = h.matmul(h.t()) + 1;                                   // ⟨h_b, h_b'⟩ + 1, [P, P]
        var truth = exact.detach().to(ScalarType.Float64).reshape(pool, -1);     // [P, L·C]
        var blocks = batchSizes.Select(b => BlockWeights(pool, b, logits.device)).ToList();

        var sum = new double[batchSizes.Count];
        var sumOfSquares = new double[batchSizes.Count];
        var errorSum = zeros_like(truth);
        int chunk = GradientSampler.ChunkSize(estimator, logits, samples, elementBudget);
        for (int done = 0; done < samples; done += chunk)
        {
            int n = Math.Min(chunk, samples - done);
            using var pass = NewDisposeScope();
            var errors = GradientSampler.Draw(estimator, logits, objective, n, generator).to(ScalarType.Float64).reshape(n, pool, -1) - truth;
            errorSum.add_(errors.sum([0]));
            var weighted = errors.bmm(errors.transpose(1, 2)) * featureGram;  // [n, P, P]
            for (int k = 0; k < blocks.Count; k++)
            {
                var perEstimate = (weighted * blocks[k]).sum([1, 2]);             // [n]: each estimate's squared error, averaged over batches
                sum[k] += perEstimate.sum().item<double>();
                sumOfSquares[k] += perEstimate.square().sum().item<double>();
            }
        }

        var meanError = errorSum / samples;
        var meanGram = meanError.matmul(meanError.t()) * featureGram;
        var exactGram = truth.matmul(truth.t()) * featureGram;
        return batchSizes.Select((b, k) =>
        {
            double mse = sum[k] / samples;
            double spread = Math.Max(0, (sumOfSquares[k] - samples * mse * mse) / (samples - 1));
            double meanErrorSquared = (meanGram * blocks[k]).sum().item<double>();
            // E‖ē_S‖² = ‖bias_S‖² + V_S / N and MSE = ‖bias_S‖² + V_S: V_S = (MSE − ‖ē_S‖²) N / (N − 1).
            double variance = Math.Max(0, (mse - meanErrorSquared) * samples / (samples - 1));
            return new BatchSizeError(b, (int)(pool / b), samples, mse, Math.Sqrt(spread / samples), mse - variance, variance,
                (exactGram * blocks[k]).sum().item<double>());
        }).ToList();
    }

    /// <summary>
    /// Weights <c>[P, P]</c> that turn a Gram matrix into the mean over the ⌊P/B⌋ batches of (1/B²) Σ_{b,b'∈S}: 1/(B² ⌊P/B⌋) on the
    /// diagonal blocks of consecutive examples, 0 elsewhere and on the examples left over.
    /// </summary>
    private static Tensor BlockWeights(long pool, int batchSize, Device device)
    {
        long batches = pool / batchSize;
        var batchOf = tensor(Enumerable.Range(0, (int)pool).Select(i => (long)(i / batchSize)).ToArray(), device: device);
        var same = batchOf.unsqueeze(1).eq(batchOf.unsqueeze(0)).logical_and(batchOf.lt(batches).unsqueeze(1));
        return same.to(ScalarType.Float64) / ((double)batchSize * batchSize * batches);
    }
}

using static TorchSharp.torch;

namespace NotebookExperiments.Estimators;

/// <summary>
/// Gumbel noise conditioned on the outcome of a Gumbel-max draw: samples of <c>θ + G</c> given <c>argmax(θ + G) = D</c>.
/// </summary>
/// <remarks>
/// <para>Exact construction (Paulus et al. 2021, appendix; Maddison et al. 2014): with <c>E_j ~ Exp(1)</c> i.i.d. and
/// <c>log Z = logsumexp(θ)</c>, the selected class i gets <c>−log E_i + log Z</c> (the maximum of the perturbed logits is
/// Gumbel(log Z)), and every other class j the truncated Gumbel
/// <c>−log(E_j e^{−θ_j} + E_i / Z) = −logaddexp(log E_j − θ_j, log E_i − log Z)</c>.</para>
/// <para>Everything is computed under <c>no_grad</c>; results are detached. Mixed over <c>D ~ Cat(softmax θ)</c> the draws are
/// unconditional Gumbel(θ) noise. Both methods draw the same exponentials for the same generator state, so
/// <c>softmax(SamplePerturbed(θ, D, K)/τ)</c> (moved to <c>[..., K, C]</c>) equals <c>RelaxedSamples(θ, D, K, τ)</c>.</para>
/// </remarks>
public static class ConditionalGumbel
{
    /// <summary>K conditional samples of the perturbed logits.</summary>
    /// <param name="logits">θ <c>[..., C]</c>.</param>
    /// <param name="sample">The one-hot outcome D <c>[..., C]</c>.</param>
    /// <param name="k">The number of samples K ≥ 1.</param>
    /// <param name="generator">The source of the exponential draws.</param>
    /// <returns><c>θ + G_k</c> <c>[K, ..., C]</c> with D an argmax of every sample; computed in log space.</returns>
    internal static Tensor SamplePerturbed(Tensor logits, Tensor sample, int k, Generator generator)
    {
        using var _ = no_grad();
        var theta = logits.detach().unsqueeze(-2);                                   // [..., 1, C]
        var selected = sample.unsqueeze(-2);
        var logE = Exponentials(logits, k, generator).log_();                        // [..., K, C]
        var logZ = theta.logsumexp(-1, keepdim: true);
        var logEi = (logE * selected).sum(-1, keepdim: true);
        var others = logaddexp(logE - theta, logEi - logZ).neg_();
        return where(selected.to(ScalarType.Bool), logZ - logEi, others).movedim([-2], [0]);
    }

    /// <summary>K conditional Gumbel noise samples <c>G_k = (θ + G_k) − θ</c> <c>[K, ..., C]</c>; see <see cref="SamplePerturbed"/>.</summary>
    internal static Tensor SampleNoise(Tensor logits, Tensor sample, int k, Generator generator)
    {
        using var _ = no_grad();
        return SamplePerturbed(logits, sample, k, generator) - logits.detach();
    }

    /// <summary>
    /// The relaxed samples of Gumbel-Rao, <c>p_k = softmax((θ + G_k)/τ)</c> for K conditional draws, <c>[..., K, C]</c>: the
    /// weights of <see cref="RelaxedWeights"/> normalised.
    /// </summary>
    /// <param name="logits">θ <c>[..., C]</c>.</param>
    /// <param name="sample">The one-hot outcome D <c>[..., C]</c>.</param>
    /// <param name="k">K ≥ 1.</param>
    /// <param name="tau">τ &gt; 0.</param>
    /// <param name="generator">The source of the exponential draws.</param>
    internal static Tensor RelaxedSamples(Tensor logits, Tensor sample, int k, double tau, Generator generator)
    {
        using var _ = no_grad();
        var w = RelaxedWeights(logits, sample, k, tau, generator);
        return w.div_(w.sum(-1, keepdim: true));
    }

    /// <summary>
    /// The relaxed samples before normalisation, <c>w_kj = exp(((θ+G_k)_j − (θ+G_k)_i)/τ)</c> relative to the selected class i
    /// (so <c>w_ki = 1</c> and <c>p_k = w_k / Σ_j w_kj</c>), <c>[..., K, C]</c>, computed without forming the perturbed logits.
    /// </summary>
    /// <remarks>
    /// With the exponentials of <see cref="SamplePerturbed"/>, <c>w_kj = (1 + E_j / (π_j E_i))^(−1/τ)</c>, which lies in (0, 1] and
    /// cannot overflow at small τ. <c>E_j / E_i = log U_j / log U_i</c>, so one logarithm per element gives the ratios; the power is
    /// a reciprocal at τ = 1, a squared reciprocal at τ = ½ and <c>exp(−log1p(r)/τ)</c> otherwise.
    /// </remarks>
    public static Tensor RelaxedWeights(Tensor logits, Tensor sample, int k, double tau, Generator generator)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "K must be at least 1.");
        using var _ = no_grad();
        var theta = logits.detach();
        // 1/π_j for the other classes and 0 for the selected one, so that r_i = 0 and w_i = 1 without a pass over [..., K, C].
        var inverseProbability = (theta.logsumexp(-1, keepdim: true) - theta).exp_()
            .masked_fill_(sample.to(ScalarType.Bool), 0.0).unsqueeze(-2);                              // [..., 1, C]
        long[] shape = [.. logits.shape[..^1], k, logits.shape[^1]];
        var logU = Categorical.Uniform(shape, logits.dtype, logits.device, generator).log_();          // −E, [..., K, C]
        var index = sample.argmax(-1, keepdim: true).unsqueeze(-1).expand([.. logits.shape[..^1], k, 1]);
        var logUi = logU.gather(-1, index);                                                             // −E_i < 0, [..., K, 1]
        var r = logU.mul_(inverseProbability).div_(logUi);                                             // E_j / (π_j E_i); 0 at i
        return tau switch
        {
            1.0 => r.add_(1).reciprocal_(),
            0.5 => r.add_(1).pow_(-2),
            _ => r.log1p_().mul_(-1.0 / tau).exp_(),
        };
    }

    /// <summary>
    /// <c>Σ_k c_k J(p_k) g</c> for relaxed samples given by their unnormalised weights <c>w</c> <c>[..., K, C]</c>
    /// (<c>p_k = w_k / s_k</c>, <c>s_k = Σ_j w_kj</c>), coefficients <c>c</c> <c>[K]</c> and <c>g</c> <c>[..., C]</c>.
    /// </summary>
    /// <remarks>
    /// <c>Σ_k c_k J(p_k) g = g ⊙ Σ_k α_k w_k − Σ_k β_k w_k</c> with <c>α_k = c_k / s_k</c> and <c>β_k = α_k ⟨w_k, g⟩ / s_k</c>: the
    /// inner products and the sums are one batched product <c>w · [g, 1]</c> and the two sums over k another, <c>[α; β] · w</c>,
    /// so the weights are read twice and never normalised. Gumbel-Rao is <c>c_k = 1/K</c>; ReinMax-CV's control variate subtracts one more draw.
    /// </remarks>
    public static Tensor WeightedJacobianVjp(Tensor w, Tensor coefficients, Tensor g)
    {
        var innerAndSum = matmul(w, stack([g, ones_like(g)], -1));                    // [..., K, 2]: ⟨w_k, g⟩ and s_k
        var inverseSums = innerAndSum.select(-1, 1).reciprocal();                    // 1/s_k, [..., K]
        var alpha = inverseSums * coefficients;
        var beta = innerAndSum.select(-1, 0).mul(alpha).mul_(inverseSums);
        var sums = matmul(stack([alpha, beta], -2), w);                              // [..., 2, C]
        return sums.select(-2, 0).mul(g).sub_(sums.select(-2, 1));
    }

    /// <summary>
    /// Gumbel-Rao's <c>(1/K) Σ_k J(p_k) g</c> with <c>p_k = softmax((θ + G_k)/τ)</c> for K conditional draws (without the factor
    /// 1/τ of the estimator): <see cref="ConditionalJacobianSum"/> with <c>c_k = 1/K</c>.
    /// </summary>
    public static Tensor RaoBlackwellizedVjp(Tensor logits, Tensor sample, int k, double tau, Tensor g, Generator generator)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "K must be at least 1.");
        return ConditionalJacobianSum(logits, sample, Enumerable.Repeat(1.0 / k, k).ToArray(), tau, g, generator);
    }

    /// <summary>
    /// <c>Σ_k c_k J(p_k) g</c> over K = <paramref name="coefficients"/>.Length conditional draws <c>p_k = softmax((θ + G_k)/τ)</c>,
    /// <c>[..., C]</c>: <see cref="RelaxedWeights"/> and <see cref="WeightedJacobianVjp"/>.
    /// </summary>
    public static Tensor ConditionalJacobianSum(Tensor logits, Tensor sample, IReadOnlyList<double> coefficients, double tau, Tensor g, Generator generator)
    {
        using var _ = no_grad();
        var weights = RelaxedWeights(logits, sample, coefficients.Count, tau, generator);
        return WeightedJacobianVjp(weights, tensor(coefficients.ToArray(), dtype: weights.dtype, device: weights.device), g);
    }

    /// <summary>Exp(1) draws <c>[..., K, C]</c> shaped after <paramref name="logits"/> <c>[..., C]</c>, as <c>−log U</c>.</summary>
    private static Tensor Exponentials(Tensor logits, int k, Generator generator)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "K must be at least 1.");
        long[] shape = [.. logits.shape[..^1], k, logits.shape[^1]];
        return Categorical.Uniform(shape, logits.dtype, logits.device, generator).log_().neg_();
    }
}

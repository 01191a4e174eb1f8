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
/// <para>Everything is computed in log space under <c>no_grad</c>; the result is detached. Mixed over <c>D ~ Cat(softmax θ)</c>
/// the draws are unconditional Gumbel(θ) noise.</para>
/// </remarks>
public static class ConditionalGumbel
{
    /// <summary>
    /// K conditional samples of the perturbed logits.
    /// </summary>
    /// <param name="logits">θ <c>[..., C]</c>.</param>
    /// <param name="sample">The one-hot outcome D <c>[..., C]</c>.</param>
    /// <param name="k">The number of samples K ≥ 1.</param>
    /// <param name="generator">The source of the exponential draws.</param>
    /// <returns><c>θ + G_k</c> <c>[K, ..., C]</c> with D an argmax of every sample.</returns>
    public static Tensor SamplePerturbed(Tensor logits, Tensor sample, int k, Generator generator)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "K must be at least 1.");
        using var _ = no_grad();
        var theta = logits.detach();
        long[] shape = [k, .. theta.shape];
        // log E with E = −log U ~ Exp(1).
        var logE = Categorical.Uniform(shape, theta.dtype, theta.device, generator).log_().neg_().log_();
        var logZ = theta.logsumexp(-1, keepdim: true);
        var logEi = (logE * sample).sum(-1, keepdim: true);
        var selected = logZ - logEi;
        var others = logaddexp(logE - theta, logEi - logZ).neg_();
        return where(sample.to(ScalarType.Bool), selected, others);
    }

    /// <summary>K conditional Gumbel noise samples <c>G_k = (θ + G_k) − θ</c> <c>[K, ..., C]</c>; see <see cref="SamplePerturbed"/>.</summary>
    public static Tensor SampleNoise(Tensor logits, Tensor sample, int k, Generator generator)
    {
        using var _ = no_grad();
        return SamplePerturbed(logits, sample, k, generator) - logits.detach();
    }
}

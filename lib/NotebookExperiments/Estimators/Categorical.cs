using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NotebookExperiments.Estimators;

/// <summary>
/// Sampling and enumeration for independent categorical variables with logits <c>[..., C]</c>.
/// </summary>
public static class Categorical
{
    /// <summary>Smallest uniform draw used, so that <c>−log(−log U)</c> stays finite.</summary>
    private static double TinyFor(ScalarType dtype) => dtype == ScalarType.Float64 ? 1e-300 : 1e-30;

    /// <summary>Uniform draws in (0, 1) (<see cref="UniformNoise"/>), clamped away from 0 and 1 for the dtype.</summary>
    public static Tensor Uniform(long[] shape, ScalarType dtype, Device device, Generator generator)
    {
        var u = UniformNoise.Draw(shape, dtype, device, generator);
        double eps = dtype == ScalarType.Float64 ? 1e-16 : 6e-8;
        return u.clamp_(TinyFor(dtype), 1.0 - eps);
    }

    /// <summary>Standard Gumbel noise <c>G = −log(−log U)</c> of the given shape.</summary>
    public static Tensor Gumbel(long[] shape, ScalarType dtype, Device device, Generator generator) =>
        Uniform(shape, dtype, device, generator).log_().neg_().log_().neg_();

    /// <summary>
    /// A Gumbel-max sample: <c>D = onehot(argmax(θ + G))</c> with G standard Gumbel, an exact draw from Cat(softmax θ).
    /// </summary>
    /// <param name="logits">θ <c>[..., C]</c> (not differentiated).</param>
    /// <param name="generator">The source of the Gumbel noise.</param>
    /// <returns>The one-hot sample D (dtype of θ) and the perturbed logits θ + G, both <c>[..., C]</c>.</returns>
    public static (Tensor Sample, Tensor Perturbed) GumbelMax(Tensor logits, Generator generator)
    {
        using var _ = no_grad();
        var perturbed = logits.detach() + Gumbel(logits.shape, logits.dtype, logits.device, generator);
        return (OneHotArgmax(perturbed), perturbed);
    }

    /// <summary>One-hot D ~ Cat(softmax θ) <c>[..., C]</c>, drawn by Gumbel-max.</summary>
    public static Tensor Sample(Tensor logits, Generator generator) => GumbelMax(logits, generator).Sample;

    /// <summary>One-hot of the argmax over the last dimension, in the dtype of the input.</summary>
    public static Tensor OneHotArgmax(Tensor scores) =>
        functional.one_hot(scores.argmax(-1), scores.shape[^1]).to(scores.dtype);

    /// <summary>
    /// Every joint state of L variables with C classes, as one-hot rows <c>[C^L, L, C]</c>, in lexicographic order
    /// (the last variable changes fastest).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">C^L exceeds <paramref name="maxStates"/>.</exception>
    public static Tensor EnumerateStates(int categories, int latents, long maxStates, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        double count = Math.Pow(categories, latents);
        if (count > maxStates)
            throw new ArgumentOutOfRangeException(nameof(latents),
                $"Enumerating {categories}^{latents} = {count:G4} latent states exceeds the limit of {maxStates} states. " +
                "Use a smaller configuration or raise the limit (exact:max-states=N) if memory allows.");
        long states = (long)count;
        var index = arange(states, dtype: ScalarType.Int64, device: device);
        var digits = new List<Tensor>(latents);
        for (int l = latents - 1; l >= 0; l--)
        {
            digits.Insert(0, index.remainder(categories));
            index = index.div(categories, rounding_mode: RoundingMode.floor);
        }
        return functional.one_hot(stack(digits, 1), categories).to(dtype);
    }
}

using static TorchSharp.torch;

namespace NotebookExperiments.Models;

/// <summary>
/// The −ELBO of a VAE whose posterior has collapsed onto the prior: q(z|x) = the uniform prior for every image (KL = 0), so
/// the latent carries no information and the best decoder outputs the mean image m of the training set. Its loss is the
/// Bernoulli cross-entropy of the images against m, <c>−(1/N) Σ_n Σ_p [x_np log m_p + (1 − x_np) log(1 − m_p)]</c> (nats) —
/// the level at which the β sweep's runs with β &lt; ½ get stuck (about 214 nats on MNIST grey levels).
/// </summary>
public static class CollapsedPosterior
{
    /// <summary>The collapsed −ELBO of images <c>[N, pixels]</c> with grey levels in [0, 1], computed in float64.</summary>
    public static double Loss(Tensor images)
    {
        if (images.dim() != 2 || images.shape[0] == 0)
            throw new ArgumentException($"The images must be [N, pixels] with N ≥ 1; got [{string.Join(", ", images.shape)}].", nameof(images));
        using var scope = NewDisposeScope();
        var x = images.to(ScalarType.Float64);
        var m = x.mean([0]).clamp(1e-12, 1 - 1e-12);
        var perImage = -(x * m.log() + (1 - x) * (1 - m).log()).sum([1]);
        return perImage.mean().item<double>();
    }
}

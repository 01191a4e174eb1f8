using static TorchSharp.torch;

namespace NotebookExperiments.Models;

/// <summary>
/// The −ELBO of a VAE whose latent carries no information about the image, in its two forms. The best decoder then outputs
/// the mean image m of the training set, with reconstruction loss <c>−(1/N) Σ_n Σ_p [x_np log m_p + (1 − x_np) log(1 − m_p)]</c>
/// (nats). With q(z|x) = the uniform prior the KL is 0 (<see cref="PriorLoss"/>); with q(z|x) = one fixed one-hot code for every
/// image the KL is <c>L log C</c> (<see cref="FixedCodeLoss"/>). The β sweep's runs with β &lt; ½ end at the second: their
/// encoders saturate onto one code (about 214 nats for 8×4 on MNIST grey levels, 8.3 nats above the first).
/// </summary>
internal static class CollapsedPosterior
{
    /// <summary>The −ELBO with q = the prior: the Bernoulli cross-entropy of images <c>[N, pixels]</c> against their mean image (float64).</summary>
    public static double PriorLoss(Tensor images)
    {
        if (images.dim() != 2 || images.shape[0] == 0)
            throw new ArgumentException($"The images must be [N, pixels] with N ≥ 1; got [{string.Join(", ", images.shape)}].", nameof(images));
        using var scope = NewDisposeScope();
        var x = images.to(ScalarType.Float64);
        var m = x.mean([0]).clamp(1e-12, 1 - 1e-12);
        var perImage = -(x * m.log() + (1 - x) * (1 - m).log()).sum([1]);
        return perImage.mean().item<double>();
    }

    /// <summary>The −ELBO when every image is sent to the same one-hot code: <see cref="PriorLoss"/> + L log C.</summary>
    public static double FixedCodeLoss(Tensor images, VaeConfiguration configuration) =>
        PriorLoss(images) + configuration.Latents * Math.Log(configuration.Categories);
}

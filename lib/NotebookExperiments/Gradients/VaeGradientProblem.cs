using NotebookExperiments.Estimators;
using NotebookExperiments.Models;
using static TorchSharp.torch;

namespace NotebookExperiments.Gradients;

/// <summary>
/// The encoder-logit gradient problem of a trained VAE on a fixed batch: the logits θ = encoder(x), the objective
/// f(z) = reconstruction loss of x under the decoder, and the exact gradient of E_{z~q}[f(z)] with respect to θ
/// (<see cref="VaeExactOracle"/>). Estimators are compared with it in batched passes (<see cref="GradientSampler"/>).
/// </summary>
public sealed class VaeGradientProblem
{
    private readonly CategoricalVae _model;
    private readonly Tensor _images;
    private readonly int _member;

    /// <param name="model">The trained model; its parameters are frozen (no gradients) by this call.</param>
    /// <param name="images">The fixed batch x <c>[B, 784]</c>.</param>
    /// <param name="member">Which member of the model.</param>
    public VaeGradientProblem(CategoricalVae model, Tensor images, int member = 0)
    {
        _model = model;
        _images = images;
        _member = member;
        foreach (var p in model.parameters()) p.requires_grad_(false);
        using (no_grad())
        {
            var x = images.unsqueeze(0).expand(model.Members, -1, -1).contiguous();
            Logits = model.EncoderLogits(x)[member].detach().clone().DetachFromDisposeScope();
        }
        var (expected, gradient) = VaeExactOracle.Compute(model, images, Logits, member);
        ExpectedLoss = expected.DetachFromDisposeScope();
        Exact = gradient.DetachFromDisposeScope();
    }

    /// <summary>θ <c>[B, L, C]</c>.</summary>
    public Tensor Logits { get; }

    /// <summary>The exact expected reconstruction loss <c>[B]</c>.</summary>
    public Tensor ExpectedLoss { get; }

    /// <summary>The exact gradient of the expected reconstruction loss with respect to θ <c>[B, L, C]</c>.</summary>
    public Tensor Exact { get; }

    /// <summary>f(z) for latents <c>[*extra, B, L, C]</c> → <c>[*extra, B]</c>.</summary>
    public Tensor Objective(Tensor latents) => _model.ReconstructionLoss(_images, latents, _member);

    /// <summary>N estimates of one estimator compared with the exact gradient.</summary>
    /// <param name="estimator">The estimator.</param>
    /// <param name="samples">N ≥ 1.</param>
    /// <param name="generator">The source of all draws.</param>
    /// <param name="elementBudget">Latent elements per batched pass (<see cref="GradientSampler.Sample"/>).</param>
    /// <param name="cancellation">Checked before every batched pass.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled before the last pass.</exception>
    public GradientStatistics Measure(IGradientEstimator estimator, int samples, Generator generator,
        long elementBudget = GradientSampler.DefaultElementBudget, CancellationToken cancellation = default)
    {
        using var scope = NewDisposeScope();
        var estimates = GradientSampler.Sample(estimator, Logits, Objective, samples, generator, Exact, elementBudget, cancellation);
        return GradientStatistics.Compare(estimator.Spec, estimates, Exact);
    }
}

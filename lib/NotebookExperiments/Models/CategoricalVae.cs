using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NotebookExperiments.Models;

/// <summary>
/// The categorical VAE of the ReinMax experiments (Liu et al. 2023; reused unchanged by Beyond ReinMax), as M independent
/// members trained side by side (M = 1 for a single model; docs/estimators.md, C.1).
/// </summary>
/// <remarks>
/// <para>Encoder 784-512-256-(L·C) with ReLU, giving logits θ <c>[M, B, L, C]</c>; decoder (L·C)-256-512-784 with ReLU and a
/// Bernoulli likelihood on grey levels in [0, 1]. Loss (the negative ELBO, nats per example): the Bernoulli reconstruction
/// loss summed over pixels plus the analytic KL of <c>q = softmax θ</c> to the uniform prior, <c>Σ_l Σ_c q log q + L log C</c>.
/// Only the reconstruction term goes through a gradient estimator; the KL is differentiated exactly.</para>
/// <para>The decoder returns pre-activations a (logits of the Bernoulli means); the loss is <c>softplus(a) − x·a</c> per pixel,
/// which equals <c>BCE(sigmoid(a), x)</c> without PyTorch's clamp of the log at −100.</para>
/// <para>Every member has its own parameters, stacked along a leading dimension and applied with batched matrix
/// products (<see cref="StackedLinear"/>); member m initialised from generator m equals a single model initialised from
/// the same generator.</para>
/// </remarks>
public sealed class CategoricalVae : Module<Tensor, Tensor>
{
    private readonly StackedLinear encoder1;
    private readonly StackedLinear encoder2;
    private readonly StackedLinear encoder3;
    private readonly StackedLinear decoder1;
    private readonly StackedLinear decoder2;
    private readonly StackedLinear decoder3;

    /// <param name="configuration">C×L and layer widths.</param>
    /// <param name="generators">One generator per member, used for its initialisation (PyTorch's layer order).</param>
    /// <param name="dtype">Parameter dtype.</param>
    /// <param name="fusedBackward">The linear layers' own backward node (default) or autograd's <c>bmm</c> formulas
    /// (<see cref="StackedLinear"/>).</param>
    public CategoricalVae(VaeConfiguration configuration, IReadOnlyList<Generator> generators, ScalarType dtype = ScalarType.Float32,
        bool fusedBackward = true)
        : base(nameof(CategoricalVae))
    {
        if (generators.Count == 0) throw new ArgumentException("A model needs at least one member.", nameof(generators));
        Configuration = configuration;
        Members = generators.Count;
        var c = configuration;
        encoder1 = new StackedLinear("encoder1", c.Pixels, c.Hidden1, generators, dtype, fusedBackward);
        encoder2 = new StackedLinear("encoder2", c.Hidden1, c.Hidden2, generators, dtype, fusedBackward);
        encoder3 = new StackedLinear("encoder3", c.Hidden2, c.LatentWidth, generators, dtype, fusedBackward);
        decoder1 = new StackedLinear("decoder1", c.LatentWidth, c.Hidden2, generators, dtype, fusedBackward);
        decoder2 = new StackedLinear("decoder2", c.Hidden2, c.Hidden1, generators, dtype, fusedBackward);
        decoder3 = new StackedLinear("decoder3", c.Hidden1, c.Pixels, generators, dtype, fusedBackward);
        RegisterComponents();
    }

    /// <summary>C×L and layer widths.</summary>
    public VaeConfiguration Configuration { get; }

    /// <summary>M, the number of members.</summary>
    public int Members { get; }

    /// <summary>Encoder logits θ <c>[M, B, L, C]</c> for images <c>[M, B, 784]</c>.</summary>
    public override Tensor forward(Tensor images) => EncoderLogits(images);

    /// <summary>Encoder logits θ <c>[M, B, L, C]</c> for images <c>[M, B, 784]</c>.</summary>
    public Tensor EncoderLogits(Tensor images)
    {
        var flat = encoder3.forward(EncoderFeatures(images));
        return flat.view(flat.shape[0], flat.shape[1], Configuration.Latents, Configuration.Categories);
    }

    /// <summary>
    /// The input of the encoder's output layer, h = relu(W₂ relu(W₁ x + b₁) + b₂) <c>[M, B, Hidden2]</c> (256 in the reference) for images <c>[M, B, 784]</c>:
    /// θ = W₃ h + b₃, so that the gradient of a loss with respect to (W₃, b₃) is Σ_b (∂/∂θ_b) ⊗ (h_b, 1).
    /// </summary>
    public Tensor EncoderFeatures(Tensor images)
    {
        var h = encoder1.forward(images).relu_();
        return encoder2.forward(h).relu_();
    }

    /// <summary>
    /// Decoder pre-activations a <c>[M, R, 784]</c> for latents <c>[M, R, L·C]</c> (one-hot or relaxed, flattened).
    /// </summary>
    public Tensor DecoderLogits(Tensor latents)
    {
        var h = decoder1.forward(latents).relu_();
        h = decoder2.forward(h).relu_();
        return decoder3.forward(h);
    }

    /// <summary>
    /// Per-example Bernoulli reconstruction loss <c>Σ_pixels softplus(a) − x·a</c> for latents <c>[*extra, M, B, L, C]</c> and images
    /// <c>[M, B, 784]</c>, returning <c>[*extra, M, B]</c>: the <see cref="Estimators.LatentObjective"/> of the VAE, batched over members
    /// and over any extra leading dimensions an estimator adds.
    /// </summary>
    public Tensor ReconstructionLoss(Tensor images, Tensor latents)
    {
        int extra = (int)latents.dim() - 4;
        if (extra < 0 || latents.shape[^4] != Members)
            throw new ArgumentException($"Latents must be [*extra, M={Members}, B, L, C]; got [{string.Join(", ", latents.shape)}].", nameof(latents));
        var memberFirst = latents.movedim([extra], [0]);                                   // [M, *extra, B, L, C]
        var flat = memberFirst.reshape(Members, -1, Configuration.LatentWidth);        // [M, R, L·C]
        var a = DecoderLogits(flat).view([.. memberFirst.shape[..^2], Configuration.Pixels]); // [M, *extra, B, 784]
        var x = images.view([Members, .. Enumerable.Repeat(1L, extra), images.shape[1], Configuration.Pixels]).expand_as(a);
        return BernoulliLoss(a, x).movedim([0], [extra]);                              // [*extra, M, B]
    }

    /// <summary>Per-example reconstruction loss of member <paramref name="member"/> alone: latents <c>[*extra, B, L, C]</c>, images <c>[B, 784]</c>.</summary>
    public Tensor ReconstructionLoss(Tensor images, Tensor latents, int member)
    {
        var a = DecoderLogits(latents.reshape(-1, Configuration.LatentWidth), member).view([.. latents.shape[..^2], Configuration.Pixels]);
        return BernoulliLoss(a, images.expand_as(a));
    }

    /// <summary>Decoder pre-activations of member <paramref name="member"/> alone: latents <c>[R, L·C]</c> → <c>[R, 784]</c>.</summary>
    internal Tensor DecoderLogits(Tensor latents, int member)
    {
        var h = functional.relu(decoder1.ForwardMember(latents, member));
        h = functional.relu(decoder2.ForwardMember(h, member));
        return decoder3.ForwardMember(h, member);
    }

    /// <summary>
    /// <c>Σ_pixels softplus(a) − x·a</c> over the last dimension, as PyTorch's fused binary cross-entropy with logits
    /// (one kernel, stable for large |a|); <paramref name="a"/> and <paramref name="x"/> have the same shape.
    /// </summary>
    private static Tensor BernoulliLoss(Tensor a, Tensor x) =>
        functional.binary_cross_entropy_with_logits(a, x, reduction: Reduction.None).sum(-1);

    /// <summary>
    /// Analytic KL of <c>q = softmax θ</c> to the uniform prior, per example: <c>Σ_l Σ_c q log q + L log C</c>, <c>[..., L, C]</c> → <c>[...]</c>.
    /// </summary>
    public static Tensor KlToUniform(Tensor logits)
    {
        var logq = functional.log_softmax(logits, -1);
        return (logq.exp() * logq).sum([-2, -1]) + logits.shape[^2] * Math.Log(logits.shape[^1]);
    }
}

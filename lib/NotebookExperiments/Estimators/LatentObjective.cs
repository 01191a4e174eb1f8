using static TorchSharp.torch;

namespace NotebookExperiments.Estimators;

/// <summary>
/// The objective f that an estimator differentiates in expectation: a function from latent samples to
/// per-example losses, <c>E_{D ~ Cat(softmax θ)}[f(D)]</c>.
/// </summary>
/// <param name="latents">
/// Latent samples <c>[*extra, ...batch, L, C]</c>: one-hot (or, for relaxed estimators, points of the simplex) over the
/// last dimension, with the batch dimensions of the logits and optional extra leading dimensions that multi-evaluation
/// estimators add (M samples for REINFORCE, C^L states for exact enumeration).
/// </param>
/// <returns>Per-example losses <c>[*extra, ...batch]</c>. The objective must treat every leading index independently
/// (broadcast over the extra dimensions and never mix examples), and may depend on trainable parameters.</returns>
public delegate Tensor LatentObjective(Tensor latents);

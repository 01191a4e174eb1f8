using NotebookExperiments.Estimators;
using NotebookExperiments.Models;
using NotebookExperiments.Native;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NotebookExperiments.Gradients;

/// <summary>
/// The exact expected reconstruction loss of a categorical VAE over all C^L latent states, and its exact gradient with
/// respect to the encoder logits, for a batch: the truth against which estimators are compared (Beyond ReinMax, Fig. 1).
/// </summary>
/// <remarks>
/// <para>The decoder depends on z only, so its pre-activations for every state, <c>A = decoder(z_s)</c> <c>[S, 784]</c>, are computed
/// once. With the Bernoulli loss <c>Σ_p softplus(a_p) − x_p a_p</c>, the whole loss table is
/// <c>F[b, s] = Σ_p softplus(A[s, p]) − (X Aᵀ)[b, s]</c>: one matrix product plus a per-state term, never a
/// <c>[B × S × 784]</c> tensor. With <c>log q_b(s) = Σ_l log π_{b,l}(z_{s,l})</c> (another matrix product of the flattened
/// log-probabilities with the one-hot state table), the expected loss is <c>Σ_s q_b(s) F[b, s]</c> and its gradient with respect
/// to θ follows by autograd through q only (F is constant in θ). The table and the sum are computed in float64.</para>
/// <para>Cost at 8×4 (4096 states), batch 100: one decoder pass over 4096 rows and a 100×784×4096 product.</para>
/// </remarks>
public static class VaeExactOracle
{
    /// <summary>The exact expected reconstruction loss <c>[B]</c> and its gradient with respect to the logits <c>[B, L, C]</c>.</summary>
    /// <param name="model">The VAE.</param>
    /// <param name="images">x <c>[B, 784]</c>.</param>
    /// <param name="logits">θ <c>[B, L, C]</c> (typically the encoder's output for x; treated as a leaf).</param>
    /// <param name="member">Which member's decoder to use.</param>
    /// <param name="maxStates">The largest C^L accepted.</param>
    /// <exception cref="ArgumentOutOfRangeException">C^L above <paramref name="maxStates"/>.</exception>
    /// <remarks>
    /// It runs with the thread count the run would have alone (<see cref="TorchThreads.AtNominal{T}"/>): with few states (9 for a
    /// 3×2 VAE) its float64 product <c>X Aᵀ</c> [B×784 by 784×S] gives other last digits with 1 and 2 threads (measured; with the
    /// 4096 states of 8×4 it does not), which would make them depend on the share of the cores.
    /// </remarks>
    public static (Tensor ExpectedLoss, Tensor Gradient) Compute(CategoricalVae model, Tensor images, Tensor logits, int member = 0,
        long maxStates = ExactEnumeration.DefaultMaxStates) =>
        TorchThreads.AtNominal(() => ComputeHere(model, images, logits, member, maxStates));

    private static (Tensor ExpectedLoss, Tensor Gradient) ComputeHere(CategoricalVae model, Tensor images, Tensor logits, int member, long maxStates)
    {
        var config = model.Configuration;
        using var scope = NewDisposeScope();
        var states = Categorical.EnumerateStates(config.Categories, config.Latents, maxStates, ScalarType.Float32, logits.device)
            .reshape(-1, config.LatentWidth);                                                     // [S, L·C]
        Tensor table;
        using (no_grad())
        {
            var a = model.DecoderLogits(states, member).to(ScalarType.Float64);                  // [S, 784]
            var x = images.detach().to(ScalarType.Float64);                                       // [B, 784]
            table = functional.softplus(a).sum([1]).unsqueeze(0) - x.matmul(a.t());             // [B, S]
        }
        var theta = logits.detach().to(ScalarType.Float64).requires_grad_(true);
        var logProbabilities = functional.log_softmax(theta, -1).reshape(theta.shape[0], -1);   // [B, L·C]
        var logQ = logProbabilities.matmul(states.to(ScalarType.Float64).t());                 // [B, S]
        var expected = (logQ.exp() * table).sum([1]);
        var gradient = autograd.grad([expected.sum()], [theta])[0];
        return (expected.detach().MoveToOuterDisposeScope(), gradient.to(logits.dtype).MoveToOuterDisposeScope());
    }
}

using static TorchSharp.torch;

namespace NotebookExperiments.Estimators;

/// <summary>
/// The softmax Jacobian <c>J(p) = diag(p) − p pᵀ</c> at a point p of the simplex, applied as a vector-Jacobian product
/// (never as a C×C matrix). J(p) is symmetric and its rows sum to zero.
/// </summary>
public static class SoftmaxJacobian
{
    /// <summary><c>J(p) g = p ⊙ (g − ⟨p, g⟩)</c> over the last dimension; p and g broadcast, e.g. <c>[K, ..., C]</c> against <c>[..., C]</c>.</summary>
    public static Tensor Vjp(Tensor p, Tensor g) => p * (g - (p * g).sum(-1, keepdim: true));

    /// <summary>Subtracts the mean over the last dimension (the projection that makes a logit gradient sum to zero).</summary>
    public static Tensor Center(Tensor v) => v - v.mean([-1], keepdim: true);
}

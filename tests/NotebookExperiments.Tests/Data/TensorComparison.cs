using static TorchSharp.torch;

namespace NotebookExperiments.Tests.Data;

internal static class TensorComparison
{
    /// <summary>Same shape, dtype and elements.</summary>
    public static bool Identical(Tensor a, Tensor b)
    {
        if (a.dtype != b.dtype || !a.shape.SequenceEqual(b.shape)) return false;
        using var scope = NewDisposeScope();
        return a.eq(b).all().item<bool>();
    }
}

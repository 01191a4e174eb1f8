using static TorchSharp.torch;

namespace NotebookExperiments.Data;

/// <summary>
/// A mini-batch of MNIST examples: images <c>[B, 784]</c> float32 in [0, 1] (grey levels, or 0/1 after dynamic
/// binarisation), labels <c>[B]</c> int64 in 0–9, and the dataset indices they came from <c>[B]</c> int64. Disposing the
/// batch disposes the three tensors.
/// </summary>
public sealed class MnistBatch : IDisposable
{
    internal MnistBatch(Tensor images, Tensor labels, Tensor indices)
    {
        Images = images;
        Labels = labels;
        Indices = indices;
    }

    /// <summary>The images, <c>[B, 784]</c> float32 in [0, 1], on the dataset's device.</summary>
    public Tensor Images { get; }

    /// <summary>The labels, <c>[B]</c> int64 in 0–9.</summary>
    public Tensor Labels { get; }

    /// <summary>The positions of the examples in the dataset, <c>[B]</c> int64.</summary>
    public Tensor Indices { get; }

    /// <summary>B, the number of examples.</summary>
    public long Size => Labels.shape[0];

    /// <summary>Disposes the three tensors.</summary>
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
        Indices.Dispose();
    }
}

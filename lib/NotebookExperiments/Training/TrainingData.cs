using NotebookExperiments.Data;
using static TorchSharp.torch;

namespace NotebookExperiments.Training;

/// <summary>
/// The images a training job uses: grey levels in [0, 1], <c>[N, 784]</c> float32. It owns its two tensors and disposes them;
/// to keep tensors of your own, pass <c>t.alias()</c>.
/// </summary>
/// <param name="Train">Training images (owned).</param>
/// <param name="Test">Test images (owned).</param>
public sealed record TrainingData(Tensor Train, Tensor Test) : IDisposable
{
    /// <summary>
    /// MNIST's training and test images from <c>data/mnist</c> (or <paramref name="directory"/>), located, fetched and verified
    /// when missing (<see cref="MnistDataset.Load"/>); the labels are not kept.
    /// </summary>
    /// <param name="directory">The MNIST folder; default: <c>data/mnist</c> of the repository.</param>
    /// <param name="progress">Receives the fetcher's messages.</param>
    /// <exception cref="MnistNotFoundException">MNIST is missing and cannot be fetched; the message says how to get it.</exception>
    public static TrainingData LoadMnist(string? directory = null, IProgress<string>? progress = null)
    {
        using var train = MnistDataset.Load(MnistSplit.Train, directory, progress: progress);
        using var test = MnistDataset.Load(MnistSplit.Test, directory);
        return new TrainingData(train.Images.alias(), test.Images.alias());
    }

    /// <summary>Disposes the two image tensors.</summary>
    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
    }
}

using NotebookExperiments.Models;
using NotebookExperiments.Training;
using static TorchSharp.torch;

namespace NotebookExperiments.Tests.Support;

/// <summary>Small synthetic image sets (grey levels in [0, 1] with some structure) and a small VAE configuration for fast tests.</summary>
internal static class TinyData
{
    public static readonly VaeConfiguration Config = new(Categories: 3, Latents: 2, Pixels: 784, Hidden1: 32, Hidden2: 16);

    public static TrainingData Create(int train = 240, int test = 60, ulong seed = 42)
    {
        using var generator = new Generator(seed);
        Tensor Images(int n)
        {
            // Blurred blobs: a smooth random field per image squashed into [0, 1].
            var field = randn([n, 1, 28, 28], generator: generator);
            var smooth = nn.functional.avg_pool2d(field, 5, 1, 2) * 3;
            return sigmoid(smooth).reshape(n, 784).DetachFromDisposeScope();
        }
        return new TrainingData(Images(train), Images(test));
    }
}

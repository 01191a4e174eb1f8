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
        // Six smooth prototypes with pixels near 0 or 1; each image is one prototype with a little noise, so a latent
        // that identifies the prototype explains most of the image.
        var field = randn([6, 1, 28, 28], generator: generator);
        var prototypes = sigmoid(nn.functional.avg_pool2d(field, 5, 1, 2) * 12).reshape(6, 784);
        Tensor Images(int n)
        {
            var which = randint(0, 6, [n], generator: generator);
            var noise = rand([n, 784], generator: generator) * 0.2 - 0.1;
            return (prototypes.index_select(0, which) + noise).clamp(0, 1).DetachFromDisposeScope();
        }
        return new TrainingData(Images(train), Images(test));
    }
}

using NotebookExperiments.Models;
using static TorchSharp.torch;

namespace NotebookExperiments.Tests.Models;

/// <summary>The −ELBO of an uninformative latent: Bernoulli cross-entropy of the images against their mean image, plus L log C for a fixed code.</summary>
public class CollapsedPosteriorTests
{
    [Fact]
    public void EqualsTheCrossEntropyAgainstTheMeanImageSummedOverPixelsAndAveragedOverImages()
    {
        double[,] x = { { 0.0, 0.5, 1.0 }, { 0.2, 0.5, 1.0 }, { 1.0, 0.1, 0.6 }, { 0.4, 0.9, 0.8 } };
        int n = 4, p = 3;
        double expected = 0;
        for (int j = 0; j < p; j++)
        {
            double m = 0;
            for (int i = 0; i < n; i++) m += x[i, j] / n;
            for (int i = 0; i < n; i++) expected -= (x[i, j] * Math.Log(m) + (1 - x[i, j]) * Math.Log(1 - m)) / n;
        }
        var images = tensor(x.Cast<double>().ToArray(), [n, p]).to(ScalarType.Float32);
        Assert.Equal(expected, CollapsedPosterior.PriorLoss(images), 6);
    }

    [Fact]
    public void IsTheLowestLossOfAnyDecoderOutputThatIgnoresTheImage()
    {
        // The mean image minimises the average cross-entropy: moving any pixel's output away from it raises the loss.
        var images = rand([50, 6], generator: new Generator(3), dtype: ScalarType.Float64);
        var m = images.mean([0]);
        double Loss(Tensor output) => (-(images * output.log() + (1 - images) * (1 - output).log()).sum([1]).mean()).item<double>();
        double best = CollapsedPosterior.PriorLoss(images);
        Assert.Equal(Loss(m), best, 10);
        foreach (var shift in new[] { -0.05, 0.05 })
            Assert.True(Loss((m + shift).clamp(0.01, 0.99)) > best);
    }

    [Fact]
    public void AFixedCodeCostsLLogCMoreThanThePrior()
    {
        var images = rand([20, 784], generator: new Generator(4), dtype: ScalarType.Float64);
        Assert.Equal(CollapsedPosterior.PriorLoss(images) + 4 * Math.Log(8), CollapsedPosterior.FixedCodeLoss(images, VaeConfiguration.Parse("8x4")), 10);
    }
}

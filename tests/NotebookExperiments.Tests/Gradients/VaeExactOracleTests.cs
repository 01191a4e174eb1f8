using NotebookExperiments.Estimators;
using NotebookExperiments.Gradients;
using NotebookExperiments.Models;
using NotebookExperiments.Tests.Support;
using static TorchSharp.torch;

namespace NotebookExperiments.Tests.Gradients;

public class VaeExactOracleTests
{
    [Theory]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(2, 5)]
    public void AgreesWithNaiveEnumeration(int categories, int latents)
    {
        var config = new VaeConfiguration(categories, latents, Hidden1: 32, Hidden2: 16);
        using var model = new CategoricalVae(config, [new Generator(2), new Generator(3)]);
        var x = TinyData.Create(train: 10, test: 1).Train;
        var logits = model.EncoderLogits(x.view(1, 10, 784).expand(2, 10, 784).contiguous())[1].detach() * 3;

        var (expected, gradient) = VaeExactOracle.Compute(model, x, logits, member: 1);

        // Naive: the decoder on every (state, example) pair, [S, B, 784], through the exact-enumeration estimator.
        var theta = logits.clone().requires_grad_(true);
        using var generator = new Generator(1);
        var naive = new ExactEnumeration().Surrogate(theta, z => model.ReconstructionLoss(x, z, 1), generator);
        naive.sum().backward();
        GradientAssert.Close(naive.detach(), expected.to(ScalarType.Float32), 2e-3, "expected loss");
        GradientAssert.Close(theta.grad!, gradient, 2e-3, "gradient");
        Assert.True(gradient.abs().max().item<float>() > 1e-2, "a trivially small gradient");
    }

    [Fact]
    public void RefusesConfigurationsAboveTheStateLimit()
    {
        using var model = new CategoricalVae(new VaeConfiguration(8, 16, Hidden1: 8, Hidden2: 8), [new Generator(1)]);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => VaeExactOracle.Compute(model, zeros(2, 784), zeros(2, 16, 8)));
        Assert.Contains("8^16", e.Message);
    }
}

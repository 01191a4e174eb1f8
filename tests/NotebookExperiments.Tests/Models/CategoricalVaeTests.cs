using NotebookExperiments.Models;
using NotebookExperiments.Tests.Support;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NotebookExperiments.Tests.Models;

public class CategoricalVaeTests
{
    private static CategoricalVae Create(VaeConfiguration config, params ulong[] seeds) =>
        new(config, seeds.Select(s => new Generator(s)).ToList());

    [Fact]
    public void ParsesPaperConfigurationNames()
    {
        Assert.Equal(new VaeConfiguration(8, 4), VaeConfiguration.Parse("8x4"));
        Assert.Equal(new VaeConfiguration(10, 30), VaeConfiguration.Parse("10×30"));
        Assert.Equal(["8x4", "4x24", "8x16", "16x12", "64x8", "10x30"], VaeConfiguration.PaperConfigurations.Select(c => c.Name));
        var e = Assert.Throws<ArgumentException>(() => VaeConfiguration.Parse("8by4"));
        Assert.Contains("Expected CxL", e.Message);
        Assert.Throws<ArgumentException>(() => VaeConfiguration.Parse("1x4"));
    }

    [Fact]
    public void HasTheReferenceArchitectureAndInitialisation()
    {
        var model = Create(new VaeConfiguration(8, 4), 1);
        var shapes = model.named_parameters().Select(p => $"{p.name}:{string.Join("x", p.parameter.shape)}").ToList();
        Assert.Equal(
        [
            "encoder1.weight:1x784x512", "encoder1.bias:1x1x512", "encoder2.weight:1x512x256", "encoder2.bias:1x1x256",
            "encoder3.weight:1x256x32", "encoder3.bias:1x1x32", "decoder1.weight:1x32x256", "decoder1.bias:1x1x256",
            "decoder2.weight:1x256x512", "decoder2.bias:1x1x512", "decoder3.weight:1x512x784", "decoder3.bias:1x1x784",
        ], shapes);
        // PyTorch's nn.Linear default: U(−1/√in, 1/√in); the sample max approaches the bound.
        foreach (var (name, p) in model.named_parameters())
        {
            double bound = 1 / Math.Sqrt(p.shape[0] == 1 && name.EndsWith("bias") ? FanIn(model, name) : p.shape[1]);
            double max = p.abs().max().item<float>();
            Assert.True(max <= bound && max > 0.9 * bound, $"{name}: max |w| = {max}, bound {bound}");
        }
    }

    private static long FanIn(CategoricalVae model, string biasName) =>
        model.named_parameters().First(p => p.name == biasName.Replace("bias", "weight")).parameter.shape[1];

    [Fact]
    public void AMemberOfAStackEqualsTheSameModelAlone()
    {
        var config = TinyData.Config;
        var stack = Create(config, 5, 6, 7);
        var alone = Create(config, 6);
        foreach (var ((name, stacked), (_, single)) in stack.named_parameters().Zip(alone.named_parameters()))
            Assert.True(stacked[1].eq(single[0]).all().item<bool>(), name);
    }

    [Fact]
    public void ReconstructionLossIsBinaryCrossEntropyBatchedOverMembersAndExtraDimensions()
    {
        var config = TinyData.Config;
        var model = Create(config, 1, 2);
        var x = TinyData.Create(train: 6, test: 1).Train.view(2, 3, 784);
        using var generator = new Generator(3);
        var z = functional.one_hot(randint(0, 3, [5, 2, 3, 2], generator: generator), 3).to(ScalarType.Float32); // [5 extra, M, B, L, C]
        var batched = model.ReconstructionLoss(x, z);
        Assert.Equal(new long[] { 5, 2, 3 }, batched.shape);
        for (int m = 0; m < 2; m++)
        {
            var single = model.ReconstructionLoss(x[m], z.select(1, m), m);
            GradientAssert.Close(single, batched.select(1, m), 1e-3, $"member {m}");
            // Against BCE(sigmoid(a), x) written out.
            var a = model.DecoderLogits(z.select(1, m).reshape(1, -1, 6).expand(2, -1, -1).contiguous())[m].view(5, 3, 784);
            var p = sigmoid(a);
            var bce = -(x[m] * p.log() + (1 - x[m]) * (1 - p).log()).sum(-1);
            GradientAssert.Close(bce, single, 2e-3, $"BCE member {m}");
        }
    }

    [Fact]
    public void KlToUniformIsZeroAtUniformAndLogCPerVariableAtOneHot()
    {
        GradientAssert.Close(zeros(2), CategoricalVae.KlToUniform(zeros(2, 4, 8)), 1e-6, "uniform");
        var peaked = full(new long[] { 1, 4, 8 }, -1e4f).index_fill_(-1, tensor(new long[] { 0 }), 0f);
        GradientAssert.Close(full(1, 4 * Math.Log(8)), CategoricalVae.KlToUniform(peaked), 1e-4, "one-hot");
    }
}

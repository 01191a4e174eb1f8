using NotebookExperiments.Models;
using static TorchSharp.torch;

namespace NotebookExperiments.Tests.Models;

/// <summary>
/// The linear layers' own backward node gives autograd's gradients of <c>bmm(x, W) + b</c>, on both of its weight-gradient
/// paths (one <c>bmm</c>; one <c>mm</c> per member for large weights), accumulating over backward passes as autograd does.
/// </summary>
public class StackedLinearTests
{
    /// <summary>(members, inputs, outputs): a single member, small weights of several members (bmm), and weights of at least
    /// <see cref="StackedLinearFunction.LoopedWeightGradientElements"/> elements of several members (one mm per member).</summary>
    public static TheoryData<int, int, int> Shapes => new() { { 1, 64, 48 }, { 3, 40, 24 }, { 3, 512, 512 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void GradientsEqualAutogradsOverTwoBackwardPasses(int members, int inputs, int outputs)
    {
        using var scope = NewDisposeScope();
        var generators = Enumerable.Range(0, members).Select(m => new Generator((ulong)(10 + m))).ToList();
        var layer = new StackedLinear("layer", inputs, outputs, generators, ScalarType.Float64);
        var reference = new StackedLinear("layer", inputs, outputs, generators.Select((_, m) => new Generator((ulong)(10 + m))).ToList(),
            ScalarType.Float64, fusedBackward: false);
        using var data = new Generator(3);
        var x = randn([members, 7, inputs], ScalarType.Float64, generator: data).requires_grad_(true);
        var xRef = x.detach().clone().requires_grad_(true);
        for (int pass = 0; pass < 2; pass++)
        {
            var upstream = randn([members, 7, outputs], ScalarType.Float64, generator: data);
            var y = layer.forward(x);
            var yRef = reference.forward(xRef);
            Assert.Equal(yRef.data<double>().ToArray(), y.data<double>().ToArray());
            (y * upstream).sum().backward();
            (yRef * upstream).sum().backward();
        }
        AssertClose(xRef.grad!, x.grad!, "input gradient");
        AssertClose(reference.Weight.grad!, layer.Weight.grad!, "weight gradient");
        AssertClose(reference.Bias.grad!, layer.Bias.grad!, "bias gradient");
    }

    [Fact]
    public void OnlyWhatRequiresAGradientGetsOne()
    {
        using var scope = NewDisposeScope();
        var layer = new StackedLinear("layer", 5, 4, [new Generator(1), new Generator(2)], ScalarType.Float64);
        var input = randn(2, 3, 5, ScalarType.Float64);           // images: no gradient
        layer.forward(input).sum().backward();
        Assert.Null(input.grad);
        Assert.NotNull(layer.Weight.grad);

        layer.Weight.requires_grad_(false);
        layer.Bias.requires_grad_(false);
        var latent = randn(2, 3, 5, ScalarType.Float64).requires_grad_(true);
        var before = layer.Weight.grad!.clone();
        var expected = layer.Weight.sum(2).unsqueeze(1).expand(2, 3, 5);
        var gradient = autograd.grad([layer.forward(latent).sum()], [latent])[0];
        AssertClose(expected, gradient, "input gradient with frozen parameters");
        Assert.True(layer.Weight.grad!.eq(before).all().item<bool>(), "frozen weights must not accumulate a gradient");
    }

    private static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        double error = (expected - actual).abs().max().item<double>();
        double scale = expected.abs().max().item<double>();
        Assert.True(error <= 1e-12 * Math.Max(1, scale), $"{what}: max |difference| {error:G3} (scale {scale:G3})");
    }
}

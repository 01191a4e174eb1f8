using NotebookExperiments.Estimators;
using NotebookExperiments.Gradients;
using static TorchSharp.torch;
using Xunit.Abstractions;

namespace NotebookExperiments.Tests.Gradients;

public class DebugTests(ITestOutputHelper output)
{
    [Fact]
    public void Debug()
    {
        var f = SyntheticObjective.Create(SyntheticObjectiveKind.Quadratic, 3, 2, 0);
        using var g = new Generator(1);
        var logits = f.RandomLogits(1, g);
        var (v, exact) = GradientSampler.Exact(logits, f.Evaluate);
        output.WriteLine(exact.ToString(TorchSharp.TensorStringStyle.Numpy));
        var est = GradientSampler.Sample(new ExactEnumeration(), logits, f.Evaluate, 5, g, exact);
        output.WriteLine(est.Mean.ToString(TorchSharp.TensorStringStyle.Numpy));
        var est2 = GradientSampler.Sample(new StraightThrough(), logits, f.Evaluate, 5, g, exact);
        output.WriteLine(est2.Mean.ToString(TorchSharp.TensorStringStyle.Numpy));
    }
}

using NotebookExperiments.Gradients;
using static TorchSharp.torch;

namespace NotebookExperiments.Tests.Support;

/// <summary>Assertions on Monte-Carlo estimates of gradients with tolerances from their standard errors.</summary>
internal static class GradientAssert
{
    /// <summary>
    /// Every element of the mean estimate lies within z standard errors of <paramref name="expected"/>, z Bonferroni-corrected
    /// over the elements at the suite's family-wise level. <paramref name="floor"/> covers elements whose SE is 0.
    /// </summary>
    public static void WithinStandardErrors(GradientEstimates estimates, Tensor expected, string what, double floor = 1e-9)
    {
        var mean = estimates.Mean;
        var se = estimates.StandardError;
        var truth = expected.to(ScalarType.Float64);
        double z = TestStatistics.BonferroniZ(mean.numel());
        var excess = ((mean - truth).abs() - (z * se + floor)).max().item<double>();
        if (excess > 0)
        {
            var zscores = ((mean - truth).abs() / (se + 1e-300)).max().item<double>();
            Assert.Fail($"{what}: the mean estimate is {zscores:G4} standard errors from the expected gradient (allowed {z:G4}, N = {estimates.Count}).\n" +
                        $"mean     = {Format(mean)}\nexpected = {Format(truth)}\nSE       = {Format(se)}");
        }
    }

    /// <summary>Some element of the mean estimate lies more than z standard errors from <paramref name="expected"/>: the bias is detected.</summary>
    public static void BiasDetected(GradientEstimates estimates, Tensor expected, string what)
    {
        var mean = estimates.Mean;
        var se = estimates.StandardError;
        double z = TestStatistics.BonferroniZ(mean.numel());
        var zmax = ((mean - expected.to(ScalarType.Float64)).abs() / (se + 1e-300)).max().item<double>();
        Assert.True(zmax > z, $"{what}: expected a detectable bias, but the largest deviation is {zmax:G4} SE (threshold {z:G4}).");
    }

    /// <summary>Two tensors are equal element-wise within an absolute tolerance.</summary>
    public static void Close(Tensor expected, Tensor actual, double tolerance, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        var diff = (expected.to(ScalarType.Float64) - actual.to(ScalarType.Float64)).abs().max().item<double>();
        Assert.True(diff <= tolerance, $"{what}: max |difference| = {diff:G4} > {tolerance:G4}.\nexpected = {Format(expected)}\nactual   = {Format(actual)}");
    }

    private static string Format(Tensor t) =>
        string.Join(", ", t.to(ScalarType.Float64).flatten().data<double>().ToArray().Take(24).Select(x => x.ToString("G4")));
}

using NotebookExperiments.Statistics;

namespace NotebookExperiments.Tests.Statistics;

/// <summary>The Monte-Carlo shortfall of a cosine recovered from the stored statistics (MSE, norms, cosine) alone.</summary>
public sealed class MonteCarloShortfallTests
{
    [Fact]
    public void TheSpreadIsRecoveredFromTheMseAndTheNorms()
    {
        // Four estimates of a three-element gradient: the shortfall is tr Σ̂ / (2 N ‖ḡ‖²) with Σ̂ the sample covariance (n − 1).
        double[] g = [1.0, -2.0, 0.5];
        double[][] estimates = [[1.5, -1.0, 0.0], [0.2, -2.5, 1.0], [2.0, -3.0, 0.3], [0.9, -1.2, 0.8]];
        int n = estimates.Length;
        var mean = Enumerable.Range(0, 3).Select(j => estimates.Average(e => e[j])).ToArray();
        double Norm(double[] v) => Math.Sqrt(v.Sum(x => x * x));
        double mse = estimates.Average(e => e.Zip(g, (a, b) => (a - b) * (a - b)).Sum());
        double cosine = mean.Zip(g, (a, b) => a * b).Sum() / (Norm(mean) * Norm(g));
        double trace = estimates.Sum(e => e.Zip(mean, (a, b) => (a - b) * (a - b)).Sum()) / (n - 1);
        double expected = trace / (2.0 * n * Norm(mean) * Norm(mean));
        Assert.Equal(expected, MonteCarloShortfall.Of(cosine, mse, Norm(g), Norm(mean), n), 12);
        Assert.True(double.IsNaN(MonteCarloShortfall.Of(cosine, mse, Norm(g), 0, n)));
        Assert.True(double.IsNaN(MonteCarloShortfall.Of(double.NaN, mse, Norm(g), Norm(mean), n)));
    }
}

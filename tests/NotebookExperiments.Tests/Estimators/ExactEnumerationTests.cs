using NotebookExperiments.Estimators;
using NotebookExperiments.Gradients;
using NotebookExperiments.Tests.Support;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NotebookExperiments.Tests.Estimators;

/// <summary>Exact enumeration against a brute-force loop and finite differences (docs/estimators.md, B.1), and its state limit.</summary>
public class ExactEnumerationTests
{
    [Fact]
    public void EnumeratesEveryStateOnce()
    {
        var states = Categorical.EnumerateStates(3, 2, 100, ScalarType.Float64);
        Assert.Equal(new long[] { 9, 2, 3 }, states.shape);
        var index = states.argmax(-1);
        var codes = (index.select(1, 0) * 3 + index.select(1, 1)).data<long>().ToArray();
        Assert.Equal(Enumerable.Range(0, 9).Select(i => (long)i), codes);
        Assert.True(states.sum([-1]).eq(1).all().item<bool>());
    }

    /// <summary>E[f] by explicit loops over the states, one one-hot latent at a time.</summary>
    private static double BruteForceExpectation(double[,] logits, Func<Tensor, double> f)
    {
        int latents = logits.GetLength(0), categories = logits.GetLength(1);
        var probabilities = new double[latents, categories];
        for (int l = 0; l < latents; l++)
        {
            double z = 0;
            for (int c = 0; c < categories; c++) z += Math.Exp(logits[l, c]);
            for (int c = 0; c < categories; c++) probabilities[l, c] = Math.Exp(logits[l, c]) / z;
        }
        double total = 0;
        int states = (int)Math.Pow(categories, latents);
        for (int s = 0; s < states; s++)
        {
            var oneHot = new double[latents * categories];
            double q = 1;
            for (int l = latents - 1, rest = s; l >= 0; l--, rest /= categories)
            {
                int c = rest % categories;
                oneHot[l * categories + c] = 1;
                q *= probabilities[l, c];
            }
            total += q * f(tensor(oneHot).reshape(latents, categories));
        }
        return total;
    }

    [Theory]
    [InlineData(SyntheticObjectiveKind.Quadratic)]
    [InlineData(SyntheticObjectiveKind.Mlp)]
    public void ValueAndGradientMatchBruteForceAndFiniteDifferences(SyntheticObjectiveKind kind)
    {
        var objective = SyntheticObjective.Create(kind, 3, 2, seed: 4);
        double f(Tensor z) => objective.Evaluate(z).item<double>();
        var theta = new double[,] { { 0.3, -1.1, 0.8 }, { -0.5, 0.2, 1.4 } };

        var (value, gradient) = GradientSampler.Exact(tensor(theta).unsqueeze(0), objective.Evaluate);
        Assert.Equal(BruteForceExpectation(theta, f), value.item<double>(), 1e-12);

        const double h = 1e-5;
        for (int l = 0; l < 2; l++)
        for (int c = 0; c < 3; c++)
        {
            var plus = (double[,])theta.Clone();
            var minus = (double[,])theta.Clone();
            plus[l, c] += h;
            minus[l, c] -= h;
            double numeric = (BruteForceExpectation(plus, f) - BruteForceExpectation(minus, f)) / (2 * h);
            Assert.Equal(numeric, gradient[0, l, c].item<double>(), 1e-8);
        }
    }

    [Fact]
    public void GradientReachesTheObjectivesParameters()
    {
        // The surrogate is Σ_z q(z) f(z): parameters of f get the exact gradient too.
        var weight = tensor(new[] { 0.5, -1.0, 2.0 }).requires_grad_(true);
        var logits = tensor(new[,] { { 0.1, 0.2, -0.3 } }).unsqueeze(0);
        LatentObjective f = z => (z * weight).sum([-2, -1]).square();
        using var generator = new Generator(1);
        new ExactEnumeration().Surrogate(logits, f, generator).sum().backward();
        var p = functional.softmax(logits[0, 0], -1);
        // E[(w·z)²] = Σ_c p_c w_c², so ∂/∂w_c = 2 p_c w_c.
        GradientAssert.Close(2 * p * weight.detach(), weight.grad!, 1e-12, "∂E[f]/∂w");
    }

    [Fact]
    public void RefusesTooManyStatesWithAClearError()
    {
        var estimator = EstimatorCatalog.Default.Create("exact:max-states=100");
        using var generator = new Generator(1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            estimator.Surrogate(zeros(2, 4, 8), z => z.sum([-2, -1]), generator));
        Assert.Contains("8^4", e.Message);
        Assert.Contains("limit of 100", e.Message);
    }
}

using NotebookExperiments.Estimators;
using NotebookExperiments.Tests.Support;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NotebookExperiments.Tests.Estimators;

/// <summary>Conditional Gumbel draws (docs/estimators.md, B.8(d)): they always reproduce D, and mixed over D they are Gumbel(0, 1).</summary>
public class ConditionalGumbelTests
{
    [Theory]
    [InlineData(ScalarType.Float32, 1.0)]
    [InlineData(ScalarType.Float32, 25.0)]
    [InlineData(ScalarType.Float64, 1.0)]
    [InlineData(ScalarType.Float64, 60.0)]
    public void EveryDrawHasTheSampleAsItsArgmax(ScalarType dtype, double logitScale)
    {
        using var generator = new Generator(5);
        var logits = (randn([64, 3, 6], dtype: ScalarType.Float64, generator: generator) * logitScale).to(dtype);
        var sample = Categorical.Sample(logits, generator);
        var perturbed = ConditionalGumbel.SamplePerturbed(logits, sample, 50, generator);
        Assert.Equal(new long[] { 50, 64, 3, 6 }, perturbed.shape);
        Assert.True(perturbed.isfinite().all().item<bool>(), "non-finite perturbed logits");
        var atSample = (perturbed * sample).sum(-1);
        Assert.True(atSample.ge(perturbed.amax([-1])).all().item<bool>(), "a conditional draw whose argmax is not D");
    }

    [Fact]
    public void MixedOverTheSampleTheNoiseIsStandardGumbel()
    {
        const int n = 200_000;
        using var generator = new Generator(9);
        var theta = tensor(new[] { 1.5, -0.3, 0.2, -2.0, 0.7 });
        var logits = theta.expand(n, 5);
        var sample = Categorical.Sample(logits, generator);
        var noise = ConditionalGumbel.SampleNoise(logits, sample, 1, generator)[0];

        double gamma = 0.5772156649015329, variance = Math.PI * Math.PI / 6;
        double z = TestStatistics.BonferroniZ(5 * 6);
        var mean = noise.mean([0]);
        var variances = noise.var([0]);
        for (int j = 0; j < 5; j++)
        {
            double m = mean[j].item<double>(), v = variances[j].item<double>();
            Assert.True(Math.Abs(m - gamma) <= z * Math.Sqrt(variance / n), $"class {j}: mean {m:G5}, Gumbel mean {gamma:G5}");
            // Var of the sample variance: (μ₄ − σ⁴)/n with excess kurtosis 12/5, so μ₄ = 5.4 σ⁴.
            Assert.True(Math.Abs(v - variance) <= z * variance * Math.Sqrt(4.4 / n), $"class {j}: variance {v:G5}, Gumbel variance {variance:G5}");
            foreach (var q in new[] { -1.0, 0.0, 1.0, 2.5 })
            {
                double p = Math.Exp(-Math.Exp(-q));
                double observed = noise.select(1, j).le(q).to(ScalarType.Float64).mean().item<double>();
                Assert.True(Math.Abs(observed - p) <= z * Math.Sqrt(p * (1 - p) / n), $"class {j}: P(G ≤ {q}) = {observed:G5}, Gumbel CDF {p:G5}");
            }
        }
    }

    [Theory]
    [InlineData(0)]   // the likeliest class, π ≈ 0.52
    [InlineData(1)]   // π ≈ 0.086
    [InlineData(3)]   // the least likely class, π ≈ 0.016: the other classes are truncated hardest
    public void EachClassFollowsTheLawOfRejectionSampling(int selected)
    {
        // The definition: unconditional Gumbel noise kept where argmax(θ + G) = D. Per class, the kept noise and ConditionalGumbel's
        // draws for the same D are compared by a two-sample Kolmogorov–Smirnov test and by their means, Bonferroni-corrected over
        // the classes, the two tests and the three D of the theory.
        const int unconditional = 1_000_000, conditional = 50_000, classes = 5;
        var theta = tensor(new[] { 1.5, -0.3, 0.2, -2.0, 0.7 });
        using var generator = new Generator(31);
        var noise = Categorical.Gumbel([unconditional, classes], ScalarType.Float64, CPU, generator);
        var kept = noise.index_select(0, (theta + noise).argmax(-1).eq(selected).nonzero().squeeze(-1));
        var sample = functional.one_hot(full(conditional, selected, dtype: ScalarType.Int64), classes).to(ScalarType.Float64);
        var drawn = ConditionalGumbel.SampleNoise(theta.expand(conditional, classes), sample, 1, generator)[0];

        long n = kept.shape[0];
        Assert.True(n > 10_000, $"only {n} draws kept");
        double alpha = TestStatistics.FamilyAlpha / (classes * 2 * 3);
        double critical = TestStatistics.KolmogorovSmirnovCritical(alpha, n, conditional);
        double z = TestStatistics.NormalUpperQuantile(alpha / 2);
        for (int j = 0; j < classes; j++)
        {
            var (a, b) = (kept.select(1, j), drawn.select(1, j));
            double ks = TestStatistics.KolmogorovSmirnov(a, b);
            Assert.True(ks <= critical, $"D = {selected}, class {j}: Kolmogorov–Smirnov distance {ks:G4} above {critical:G4}");
            double difference = a.mean().item<double>() - b.mean().item<double>();
            double se = Math.Sqrt(a.var().item<double>() / n + b.var().item<double>() / conditional);
            Assert.True(Math.Abs(difference) <= z * se, $"D = {selected}, class {j}: means differ by {difference:G4} ({difference / se:G3} SE, allowed {z:G3})");
        }
    }

    [Fact]
    public void TheSelectedClassCarriesTheMaximumOfGumbelsLaw()
    {
        // max_j (θ_j + G_j) ~ Gumbel(logsumexp θ), whatever class attains it.
        const int n = 100_000;
        using var generator = new Generator(13);
        var theta = tensor(new[] { 0.4, -1.0, 2.0 });
        var logits = theta.expand(n, 3);
        var sample = Categorical.Sample(logits, generator);
        var top = (ConditionalGumbel.SamplePerturbed(logits, sample, 1, generator)[0] * sample).sum(-1) - theta.logsumexp(0);
        double z = TestStatistics.BonferroniZ(2);
        Assert.True(Math.Abs(top.mean().item<double>() - 0.5772156649015329) <= z * Math.PI / Math.Sqrt(6.0 * n));
        Assert.True(Math.Abs(top.var().item<double>() - Math.PI * Math.PI / 6) <= z * Math.PI * Math.PI / 6 * Math.Sqrt(4.4 / n));
    }

    [Theory]
    [InlineData(0.05, 1.0)]
    [InlineData(0.5, 2.0)]
    [InlineData(1.0, 1.0)]
    [InlineData(3.0, 8.0)]
    public void RelaxedSamplesAreTheSoftmaxOfThePerturbedLogits(double tau, double logitScale)
    {
        using var g1 = new Generator(21);
        var logits = randn([16, 3, 5], dtype: ScalarType.Float64, generator: g1) * logitScale;
        var sample = Categorical.Sample(logits, g1);
        using var a = new Generator(8);
        using var b = new Generator(8);
        var direct = functional.softmax(ConditionalGumbel.SamplePerturbed(logits, sample, 7, a) / tau, -1).movedim([0], [-2]);
        var relaxed = ConditionalGumbel.RelaxedSamples(logits, sample, 7, tau, b);
        GradientAssert.Close(direct, relaxed, 1e-9, $"τ = {tau}");

        var grad = randn([16, 3, 5], dtype: ScalarType.Float64, generator: g1);
        var loop = stack(Enumerable.Range(0, 7).Select(k => SoftmaxJacobian.Vjp(relaxed.select(-2, k), grad))).mean([0]);

        // The estimators' path: unnormalised weights (w_i = 1) and a weighted sum of Jacobians, from the same draws.
        using var c = new Generator(8);
        var weights = ConditionalGumbel.RelaxedWeights(logits, sample, 7, tau, c);
        Assert.True(((weights * sample.unsqueeze(-2)).sum(-1) == 1).all().item<bool>(), "the selected class's weight is not 1");
        GradientAssert.Close(relaxed, weights / weights.sum(-1, keepdim: true), 1e-12, "normalised weights");
        var coefficients = tensor(new[] { 0.3, -1.0, 0.0, 2.5, 0.1, 0.1, -0.7 });
        var weighted = stack(Enumerable.Range(0, 7).Select(k => coefficients[k] * SoftmaxJacobian.Vjp(relaxed.select(-2, k), grad))).sum([0]);
        GradientAssert.Close(weighted, ConditionalGumbel.WeightedJacobianVjp(weights, coefficients, grad), 1e-12, "Σ c_k J(p_k) g");
        using var d = new Generator(8);
        GradientAssert.Close(loop, ConditionalGumbel.RaoBlackwellizedVjp(logits, sample, 7, tau, grad, d), 1e-12, "Gumbel-Rao's mean");
    }

    [Fact]
    public void KMustBePositive()
    {
        using var generator = new Generator(1);
        var logits = zeros(2, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => ConditionalGumbel.SamplePerturbed(logits, functional.one_hot(zeros(2, dtype: ScalarType.Int64), 3).to(ScalarType.Float32), 0, generator));
    }
}

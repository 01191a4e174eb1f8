using static TorchSharp.torch;

namespace NotebookExperiments.Tests.Support;

/// <summary>Quantiles used to turn a false-alarm probability into a tolerance in standard errors, and two-sample test statistics.</summary>
internal static class TestStatistics
{
    /// <summary>The family-wise false-alarm probability of every statistical test in the suite.</summary>
    public const double FamilyAlpha = 1e-4;

    /// <summary>Complementary error function (W. J. Cody's rational approximation via erfc = 1 − erf; |error| &lt; 1.2e-7).</summary>
    public static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
                   t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 +
                   t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2.0 - r;
    }

    /// <summary>Upper-tail standard normal quantile: z with P(Z &gt; z) = p (bisection on erfc).</summary>
    public static double NormalUpperQuantile(double p)
    {
        double lo = -40, hi = 40;
        for (int i = 0; i < 200; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (0.5 * Erfc(mid / Math.Sqrt(2)) > p) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>The two-sided z for <paramref name="comparisons"/> simultaneous tests at family-wise level α (Bonferroni).</summary>
    public static double BonferroniZ(long comparisons, double alpha = FamilyAlpha) =>
        NormalUpperQuantile(alpha / (2.0 * comparisons));

    /// <summary>
    /// The two-sample Kolmogorov–Smirnov statistic <c>sup_x |F_a(x) − F_b(x)|</c> of two samples of a continuous law (1-D tensors).
    /// </summary>
    public static double KolmogorovSmirnov(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        long n = a.shape[0], m = b.shape[0];
        var values = cat([a.to(ScalarType.Float64), b.to(ScalarType.Float64)]);
        var steps = cat([
            full(n, 1.0 / n, dtype: ScalarType.Float64),
            full(m, -1.0 / m, dtype: ScalarType.Float64)]);
        return steps[values.argsort()].cumsum(0).abs().max().item<double>();
    }

    /// <summary>
    /// The asymptotic critical value of the two-sample Kolmogorov–Smirnov statistic at level α for sample sizes n and m:
    /// <c>√(−ln(α/2)/2) · √((n + m)/(n m))</c>.
    /// </summary>
    public static double KolmogorovSmirnovCritical(double alpha, long n, long m) =>
        Math.Sqrt(-Math.Log(alpha / 2) / 2) * Math.Sqrt((double)(n + m) / ((double)n * m));

    /// <summary>Upper-tail chi-square quantile with k degrees of freedom (Wilson–Hilferty; relative error &lt; 1% for k ≥ 3).</summary>
    public static double ChiSquareUpperQuantile(double p, int k)
    {
        double z = NormalUpperQuantile(p);
        double a = 2.0 / (9.0 * k);
        return k * Math.Pow(1 - a + z * Math.Sqrt(a), 3);
    }
}

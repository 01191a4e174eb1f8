using System.Globalization;

namespace NotebookExperiments.Statistics;

/// <summary>
/// A two-sided t test of a difference of means at confidence <see cref="Confidence"/>: the statistic t, its degrees of freedom ν,
/// the critical value t<sub>ν</sub>(1 − α/2) (α = 1 − <see cref="Confidence"/>) and the two-sided p-value 2·P(T<sub>ν</sub> ≤ −|t|).
/// The difference is significant when |t| exceeds the critical value, i.e. when p &lt; α.
/// </summary>
/// <param name="T">The statistic, (mean − reference) over the standard error of the difference; its sign is that of the difference.</param>
/// <param name="DegreesOfFreedom">ν (Welch–Satterthwaite for two samples, n − 1 for one; need not be whole).</param>
/// <param name="CriticalValue">Student's t quantile t<sub>ν</sub>(1 − α/2).</param>
/// <param name="PValue">The two-sided p-value.</param>
/// <param name="Confidence">The confidence level 1 − α, e.g. 0.95.</param>
public sealed record TTest(double T, double DegreesOfFreedom, double CriticalValue, double PValue, double Confidence)
{
    /// <summary>Whether |t| exceeds the critical value: the means differ at this confidence.</summary>
    public bool IsSignificant => Math.Abs(T) > CriticalValue;

    /// <summary>The statistic (two decimals), its degrees of freedom (one decimal unless whole) and the p-value (two significant
    /// digits; <c>p &lt; 0.001</c> below a thousandth) in one line, e.g. <c>t = +0.54, df = 14.2, p = 0.6</c>.</summary>
    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"t = {T:+0.00;-0.00;0.00}, df = {Degrees(DegreesOfFreedom)}, p {P(PValue)}");

    /// <inheritdoc />
    public override string ToString() => Describe();

    private static string Degrees(double df) =>
        Math.Abs(df - Math.Round(df)) < 1e-9 ? Math.Round(df).ToString("0", CultureInfo.InvariantCulture) : df.ToString("0.0", CultureInfo.InvariantCulture);

    private static string P(double p) => p < 0.001 ? "< 0.001" : "= " + p.ToString("G2", CultureInfo.InvariantCulture);
}

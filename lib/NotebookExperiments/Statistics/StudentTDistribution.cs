using MathNet.Numerics.Distributions;

namespace NotebookExperiments.Statistics;

/// <summary>
/// Student's t distribution with ν degrees of freedom (ν &gt; 0, not necessarily whole), as MathNet.Numerics computes it
/// (<see cref="StudentT"/>, location 0, scale 1): the quantiles and tail probabilities of <see cref="WelchTest"/>.
/// </summary>
public static class StudentTDistribution
{
    /// <summary>The two-sided critical value t<sub>ν</sub>(1 − α/2) at confidence 1 − α: P(|T<sub>ν</sub>| ≤ t) = <paramref name="confidence"/>.
    /// (ν = 1: 12.706 at 95 %; ν = 9: 2.262; ν → ∞: 1.960.)</summary>
    /// <exception cref="ArgumentOutOfRangeException">ν not positive and finite, or a confidence outside (0, 1).</exception>
    public static double TwoSidedCriticalValue(double degreesOfFreedom, double confidence)
    {
        Check(degreesOfFreedom);
        if (!(confidence > 0 && confidence < 1)) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "A confidence level lies strictly between 0 and 1.");
        return StudentT.InvCDF(0, 1, degreesOfFreedom, 0.5 + confidence / 2);
    }

    /// <summary>The two-sided p-value of <paramref name="t"/>: 2·P(T<sub>ν</sub> ≤ −|t|) (computed in the lower tail, so that it keeps
    /// its precision for large |t|).</summary>
    /// <exception cref="ArgumentOutOfRangeException">ν not positive and finite.</exception>
    public static double TwoSidedPValue(double t, double degreesOfFreedom)
    {
        Check(degreesOfFreedom);
        return double.IsNaN(t) ? double.NaN : Math.Min(1, 2 * StudentT.CDF(0, 1, degreesOfFreedom, -Math.Abs(t)));
    }

    private static void Check(double degreesOfFreedom)
    {
        if (!(degreesOfFreedom > 0) || !double.IsFinite(degreesOfFreedom))
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "Student's t needs positive, finite degrees of freedom.");
    }
}

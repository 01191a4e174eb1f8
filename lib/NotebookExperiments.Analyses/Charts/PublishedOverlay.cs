using NotebookExperiments.Analyses;
using NotebookExperiments.Published;

namespace NotebookExperiments.Charts;

/// <summary>
/// Asks a figure to draw the published numbers (<see cref="PublishedResults"/>) beside ours, and says whether our run is at the
/// published protocol: the figure draws the published points in either case and states, in its footnote, whether the two may be
/// compared and, if not, why.
/// </summary>
/// <param name="Comparability">Whether the run drawn follows the published protocol; <see cref="For(BetaSweepParameters)"/> and
/// <see cref="For(BiasVarianceParameters)"/> decide it from the parameters run.</param>
public sealed record PublishedOverlay(Comparability Comparability)
{
    /// <summary>The colour of published points that stand for no estimator of ours in particular (the β sweep).</summary>
    public const string Color = "#333333";

    /// <summary>The overlay of a β sweep run with <paramref name="parameters"/> (published: 8×4 only).</summary>
    public static PublishedOverlay For(BetaSweepParameters parameters) => new(Comparability.OfBetaSweep(parameters));

    /// <summary>The overlay of a bias/variance study run with <paramref name="parameters"/>.</summary>
    public static PublishedOverlay For(BiasVarianceParameters parameters) => new(Comparability.OfBiasVariance(parameters));

    /// <summary>
    /// Whether the finite <paramref name="values"/> (published points) lie within the range of <paramref name="ours"/>, widened either
    /// side by <paramref name="margin"/> of its span: then they may share our panel without stretching its axis.
    /// </summary>
    internal static bool WithinRange(IEnumerable<double> values, IReadOnlyList<double> ours, double margin)
    {
        if (ours.Count == 0) return false;
        double low = ours.Min(), high = ours.Max(), widen = margin * Math.Max(high - low, 1e-9);
        return values.Where(double.IsFinite).All(v => v >= low - widen && v <= high + widen);
    }

    /// <summary>The footnote sentence on comparability: ours and the published points compared, or not and why.</summary>
    internal string ComparabilityNote() => Comparability.IsComparable
        ? "Our run is at the published protocol: the two may be compared."
        : "Our run is not at the published protocol, so it is not comparable with the published points: " + string.Join("; ", Comparability.Reasons) + ".";
}

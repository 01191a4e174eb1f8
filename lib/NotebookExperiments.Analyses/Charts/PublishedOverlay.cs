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

    /// <summary>The footnote sentence on comparability: ours and the published points compared, or not and why.</summary>
    internal string ComparabilityNote() => Comparability.IsComparable
        ? "Our run is at the published protocol: the two may be compared."
        : "Our run is not at the published protocol, so it is not comparable with the published points: " + string.Join("; ", Comparability.Reasons) + ".";
}

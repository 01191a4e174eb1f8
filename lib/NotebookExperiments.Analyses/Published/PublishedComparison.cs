using System.Globalization;

namespace NotebookExperiments.Published;

/// <summary>
/// One result of ours beside its published number: z = (ours − published) / √(s.e.ours² + s.e.published²) and a verdict —
/// <c>within 2 s.e.</c> when |z| ≤ 2, otherwise <c>farther</c>; <c>not comparable</c> when the run is not at the published protocol
/// (<see cref="Comparability"/>) or ours has no finite mean or no standard error; <c>not published</c> when nothing is published.
/// </summary>
/// <remarks>
/// Where the source gives no standard error (the β sweep's collapse level, the cosines), z uses ours alone: the comparison is then
/// stricter than with both, and its text says so (<see cref="OurStandardErrorOnly"/>). A z is never computed from one run of ours.
/// </remarks>
/// <param name="Verdict">The verdict.</param>
/// <param name="Z">(ours − published) over the combined standard error; NaN unless the verdict is within or farther.</param>
/// <param name="OurStandardErrorOnly">Whether z uses our standard error alone, the published one not being given.</param>
/// <param name="Reasons">Why it is not comparable (empty otherwise).</param>
public sealed record PublishedComparison(PublishedVerdict Verdict, double Z, bool OurStandardErrorOnly, IReadOnlyList<string> Reasons)
{
    /// <summary>The largest |z| counted as agreement.</summary>
    public const double Threshold = 2;

    /// <summary>
    /// Compares our mean and standard error with <paramref name="published"/>, if <paramref name="protocol"/> allows it.
    /// </summary>
    /// <param name="ourMean">Our mean over seeds (NaN when every run diverged).</param>
    /// <param name="ourStandardError">Its standard error (NaN for one run).</param>
    /// <param name="published">The published value, or null when none is published.</param>
    /// <param name="protocol">Whether our run follows the published protocol.</param>
    public static PublishedComparison Compare(double ourMean, double ourStandardError, PublishedValue? published, Comparability protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        if (published is null) return new(PublishedVerdict.NotPublished, double.NaN, false, []);
        if (!protocol.IsComparable) return NotComparable(protocol.Reasons);
        if (!double.IsFinite(ourMean)) return NotComparable(["no finite result of ours (every run diverged)"]);
        if (!(ourStandardError > 0) || !double.IsFinite(ourStandardError))
            return NotComparable([double.IsNaN(ourStandardError) ? "one run of ours: no standard error" : "our runs have no spread: no standard error"]);
        bool oursOnly = !published.HasStandardError;
        double combined = oursOnly ? ourStandardError : Math.Sqrt(ourStandardError * ourStandardError + published.StandardError * published.StandardError);
        double z = (ourMean - published.Mean) / combined;
        return new(Math.Abs(z) <= Threshold ? PublishedVerdict.WithinTwoStandardErrors : PublishedVerdict.Farther, z, oursOnly, []);
    }

    /// <summary>The verdict's words: <c>within 2 s.e.</c>, <c>farther</c>, <c>not comparable</c> or <c>not published</c>.</summary>
    public static string Label(PublishedVerdict verdict) => verdict switch
    {
        PublishedVerdict.WithinTwoStandardErrors => "within 2 s.e.",
        PublishedVerdict.Farther => "farther",
        PublishedVerdict.NotComparable => "not comparable",
        PublishedVerdict.NotPublished => "not published",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "Unknown verdict."),
    };

    /// <summary>
    /// The verdict with what it rests on, for a table cell: <c>within 2 s.e. (z = +0.84)</c>, <c>farther (z = -3.10; published s.e.
    /// not given, ours only)</c>, <c>not comparable: 3 epochs (published: 160); …</c>, <c>not published</c>.
    /// </summary>
    public string Describe() => Verdict switch
    {
        PublishedVerdict.WithinTwoStandardErrors or PublishedVerdict.Farther =>
            $"{Label(Verdict)} (z = {Z.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture)}{(OurStandardErrorOnly ? "; published s.e. not given, ours only" : "")})",
        PublishedVerdict.NotComparable => $"{Label(Verdict)}: {string.Join("; ", Reasons)}",
        _ => Label(Verdict),
    };

    private static PublishedComparison NotComparable(IReadOnlyList<string> reasons) => new(PublishedVerdict.NotComparable, double.NaN, false, reasons);
}

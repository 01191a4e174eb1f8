using NotebookExperiments.Statistics;

namespace NotebookExperiments.Published;

/// <summary>
/// One result of ours beside its published number, with a verdict a statistician can sign: Welch's two-sided t test at 95 % with
/// the Welch–Satterthwaite degrees of freedom (<see cref="WelchTest"/>; the t quantile from MathNet.Numerics) — <c>no significant
/// difference</c> or <c>significant difference</c>; <c>not comparable</c> when the run is not at the published protocol
/// (<see cref="Comparability"/>) or ours has no standard error; <c>not published</c> when nothing is published.
/// </summary>
/// <remarks>
/// <para>Ours is the mean over the runs that ended with a finite value, counted in the results (<see cref="OurMean"/>), with its
/// standard error s/√n; the published side is the source's mean over its n seeds (n from data/published/, column <c>seeds</c>) with
/// the standard error of the sample standard deviation, s.e.·√(n/(n − 1)) (<see cref="PublishedValue.Estimate"/>: the source's s.e.
/// divides numpy's ddof-0 sd by √n). With two finite runs of ours the degrees of freedom can fall near 1, where the 95 % point is 12.7.</para>
/// <para>Where the source gives no standard error (the β sweep's collapse level), the test is the one-sample t test of our mean
/// against the published mean taken as exact (ν = n − 1), and its text says so (<see cref="OurStandardErrorOnly"/>). A test is never
/// made from fewer than two finite runs of ours; runs left out (diverged) are named in the verdict.</para>
/// </remarks>
/// <param name="Verdict">The verdict.</param>
/// <param name="Test">The t test; null unless the verdict is one of the two compared ones.</param>
/// <param name="OurStandardErrorOnly">Whether the test uses our standard error alone, the published one not being given.</param>
/// <param name="Reasons">Why it is not comparable, or why nothing is published where that is known (empty otherwise).</param>
/// <param name="Ours">Our side, or null when nothing of ours was given.</param>
public sealed record PublishedComparison(PublishedVerdict Verdict, TTest? Test, bool OurStandardErrorOnly, IReadOnlyList<string> Reasons, OurMean? Ours)
{
    /// <summary>The confidence of the test: 95 %, two-sided.</summary>
    public const double Confidence = WelchTest.DefaultConfidence;

    /// <summary>The test in words, for legends.</summary>
    public const string TestDescription =
        "Welch's t test, two-sided at 95 %, with the Welch–Satterthwaite degrees of freedom; ours: mean and standard error over the runs " +
        "that ended with a finite value; published: the source's mean over its seeds, with the standard error of the sample standard " +
        "deviation (the source's s.e. × √(n/(n − 1)), since it divides numpy's n-denominator sd by √n); where the source gives no " +
        "standard error, the one-sample t test of ours against the published mean (n − 1 degrees of freedom)";

    /// <summary>
    /// Compares <paramref name="ours"/> with <paramref name="published"/>, if <paramref name="protocol"/> allows it.
    /// </summary>
    /// <param name="ours">Our mean over the finite runs, with those left out.</param>
    /// <param name="published">The published value, or null when none is published.</param>
    /// <param name="protocol">Whether our run follows the published protocol.</param>
    /// <param name="notPublished">Why nothing is published, when that is known (e.g. the figure draws it but its numbers are not
    /// available); ignored when <paramref name="published"/> is given.</param>
    public static PublishedComparison Compare(OurMean ours, PublishedValue? published, Comparability protocol, string? notPublished = null)
    {
        ArgumentNullException.ThrowIfNull(ours);
        ArgumentNullException.ThrowIfNull(protocol);
        if (published is null) return new(PublishedVerdict.NotPublished, null, false, notPublished is null ? [] : [notPublished], ours);
        if (!protocol.IsComparable) return NotComparable(protocol.Reasons, ours);
        if (ours.Count == 0 || !double.IsFinite(ours.Mean)) return NotComparable(["no finite result of ours"], ours);
        if (ours.Count == 1) return NotComparable([$"one {ours.Unit} of ours with a finite result: no standard error"], ours);
        var mine = ours.Estimate;
        bool oursOnly = !published.HasStandardError;
        if (!(mine.StandardError > 0) && (oursOnly || !(published.StandardError > 0)))
            return NotComparable([$"our {ours.Units(ours.Count)} have no spread and {(oursOnly ? "the published standard error is not given" : "neither has the published number")}: no test"], ours);
        var test = oursOnly ? WelchTest.OneSample(mine, published.Mean, Confidence) : WelchTest.Compare(mine, published.Estimate, Confidence);
        return new(test.IsSignificant ? PublishedVerdict.SignificantDifference : PublishedVerdict.NoSignificantDifference, test, oursOnly, [], ours);
    }

    /// <summary>The verdict's words: <c>no significant difference</c>, <c>significant difference</c>, <c>not comparable</c> or
    /// <c>not published</c>.</summary>
    public static string Label(PublishedVerdict verdict) => verdict switch
    {
        PublishedVerdict.NoSignificantDifference => "no significant difference",
        PublishedVerdict.SignificantDifference => "significant difference",
        PublishedVerdict.NotComparable => "not comparable",
        PublishedVerdict.NotPublished => "not published",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "Unknown verdict."),
    };

    /// <summary>Whether a test was made (the verdict is one of the two compared ones).</summary>
    public bool IsCompared => Test is not null;

    /// <summary>
    /// The verdict with what it rests on, for a table cell: <c>no significant difference (Welch's t = +0.54, df = 14.2, p = 0.60)</c>,
    /// <c>significant difference (one-sample t = +3.00, df = 4, p = 0.040; published s.e. not given, ours only)</c>, <c>not comparable:
    /// 3 epochs (published: 160); …</c>, <c>not published</c>; followed by the runs left out, e.g. <c>; 2 of 10 runs diverged and
    /// are left out</c>.
    /// </summary>
    public string Describe()
    {
        var text = Verdict switch
        {
            PublishedVerdict.NoSignificantDifference or PublishedVerdict.SignificantDifference =>
                $"{Label(Verdict)} ({(OurStandardErrorOnly ? "one-sample" : "Welch's")} {Test!.Describe()}{(OurStandardErrorOnly ? "; published s.e. not given, ours only" : "")})",
            _ when Reasons.Count > 0 => $"{Label(Verdict)}: {string.Join("; ", Reasons)}",
            _ => Label(Verdict),
        };
        return Ours?.LeftOutText() is { } leftOut && Verdict != PublishedVerdict.NotPublished ? $"{text}; {leftOut}" : text;
    }

    private static PublishedComparison NotComparable(IReadOnlyList<string> reasons, OurMean ours) => new(PublishedVerdict.NotComparable, null, false, reasons, ours);
}

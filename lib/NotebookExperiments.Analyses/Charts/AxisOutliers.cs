namespace NotebookExperiments.Charts;

/// <summary>
/// Series that lie so far from the others on an axis that drawing them would squeeze the others into a sliver of it (the authors'
/// code's ReinMax-CV at cosine −0.9 beside cosines of 0.4–0.95; RF(4)'s 1 − cosine of 0.01 beside 0.3–0.8): the figures leave
/// them off that axis and say where they are in a note, so that our other series fill the axis.
/// </summary>
/// <remarks>
/// A series is apart when all its values lie on one side of the others' and the empty gap between it and them takes more than
/// <see cref="GapShare"/> of the span of all the values and is wider than the others' own span: drawn, it would leave most of the
/// axis empty and the others squeezed into the rest. Distances are in the axis's units: decades on a log axis. Only a series
/// beside at least <see cref="MinimumOthers"/> others, some of them curves, can squeeze them (single points squeezed together
/// stay legible and show no shape to lose; spreading them out would only magnify their noise); the farthest such series is
/// taken out first and the test repeated on the rest.
/// </remarks>
public static class AxisOutliers
{
    /// <summary>The share of the whole span an empty gap must exceed for the series beyond it to lie apart.</summary>
    public const double GapShare = 0.5;

    /// <summary>The fewest other series one lying apart must have beside it to count as squeezing them.</summary>
    public const int MinimumOthers = 3;

    /// <summary>The series of <paramref name="series"/> that lie apart, farthest first.</summary>
    /// <param name="series">Each series' values by name (non-finite values, and non-positive ones on a log axis, are ignored).</param>
    /// <param name="scale">The axis's scale.</param>
    /// <param name="curves">The series drawn as curves (lines through two or more points); null when all are.</param>
    public static IReadOnlyList<string> Find(IReadOnlyDictionary<string, IReadOnlyList<double>> series, AxisScale scale,
        IReadOnlyCollection<string>? curves = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var ranges = new Dictionary<string, (double Min, double Max)>();
        foreach (var (name, values) in series)
        {
            var onAxis = values.Where(v => double.IsFinite(v) && (scale == AxisScale.Linear || v > 0))
                .Select(v => scale == AxisScale.Log ? Math.Log10(v) : v).ToList();
            if (onAxis.Count > 0) ranges[name] = (onAxis.Min(), onAxis.Max());
        }
        var apart = new List<string>();
        while (ranges.Count > MinimumOthers)
        {
            double min = ranges.Values.Min(r => r.Min), max = ranges.Values.Max(r => r.Max);
            (string Name, double Gap)? farthest = null;
            foreach (var (name, range) in ranges)
            {
                if (curves is not null && !ranges.Keys.Any(k => k != name && curves.Contains(k))) continue;
                var rest = ranges.Where(r => r.Key != name).Select(r => r.Value).ToList();
                double low = rest.Min(r => r.Min), high = rest.Max(r => r.Max);
                double gap = range.Min > high ? range.Min - high : low > range.Max ? low - range.Max : 0;
                if (gap > GapShare * (max - min) && gap > high - low && (farthest is null || gap > farthest.Value.Gap))
                    farthest = (name, gap);
            }
            if (farthest is null) break;
            apart.Add(farthest.Value.Name);
            ranges.Remove(farthest.Value.Name);
        }
        return apart;
    }

    /// <summary>
    /// The note line, in <paramref name="color"/>, of a series left off an axis: <c>↓ name: values, below this axis</c> when the values
    /// of <paramref name="series"/> lie below <paramref name="others"/> (<see cref="LiesBelow"/>), else <c>↑ name: values, above this axis</c>.
    /// </summary>
    internal static (string Text, string Color) Note(string name, string values, IEnumerable<double> series, IEnumerable<double> others,
        string color)
    {
        bool below = LiesBelow(series, others);
        return ($"{(below ? "↓" : "↑")} {name}: {values}, {(below ? "below" : "above")} this axis", color);
    }

    /// <summary>The finite values' range as text: <c>low to high</c>, one value when both format alike, <c>n/a</c> when there is none.</summary>
    internal static string Span(IEnumerable<double> values, Func<double, string> format)
    {
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.Count == 0) return "n/a";
        string low = format(finite.Min()), high = format(finite.Max());
        return low == high ? low : $"{low} to {high}";
    }

    /// <summary>Whether the values of <paramref name="series"/> lie below those of <paramref name="others"/> (otherwise above).</summary>
    public static bool LiesBelow(IEnumerable<double> series, IEnumerable<double> others)
    {
        var mine = series.Where(double.IsFinite).ToList();
        var rest = others.Where(double.IsFinite).ToList();
        return mine.Count > 0 && rest.Count > 0 && mine.Max() < rest.Min();
    }
}

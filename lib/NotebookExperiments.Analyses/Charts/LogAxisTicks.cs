namespace NotebookExperiments.Charts;

/// <summary>
/// Tick positions for a logarithmic axis that are round numbers (1, 2, 5 × 10ⁿ and the like), so that every label is a
/// full number at full size instead of Plotly's small single digits between decades.
/// </summary>
public static class LogAxisTicks
{
    /// <summary>
    /// Round ticks covering the positive finite values: within half a decade 1, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8 × 10ⁿ (so that
    /// such a narrow axis still shows three or more labels); within a decade 1, 1.5, 2, 3, 5, 7 × 10ⁿ; within three decades
    /// 1, 2, 5 × 10ⁿ; within six decades every power of ten; beyond that every k-th power of ten. Always includes the round
    /// tick just below the smallest and just above the largest value, so the data lie between labelled ticks.
    /// </summary>
    /// <param name="values">The values the axis shows (non-positive and non-finite ones are ignored).</param>
    /// <returns>Increasing tick values; empty when no value is positive and finite.</returns>
    public static IReadOnlyList<double> Covering(IEnumerable<double> values)
    {
        var positive = values.Where(v => double.IsFinite(v) && v > 0).ToArray();
        if (positive.Length == 0) return [];
        double min = positive.Min(), max = positive.Max();
        double span = Math.Log10(max / min);
        double[] mantissas = span switch
        {
            <= 0.5 => [1, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8],
            <= 1 => [1, 1.5, 2, 3, 5, 7],
            <= 3 => [1, 2, 5],
            _ => [1],
        };
        int decadeStep = span <= 6 ? 1 : (int)Math.Ceiling(span / 6);
        int first = (int)Math.Floor(Math.Log10(min)) - 1;
        int last = (int)Math.Ceiling(Math.Log10(max)) + 1;
        var candidates = new List<double>();
        for (int decade = first; decade <= last; decade++)
        {
            if ((decade - first) % decadeStep != 0) continue;
            foreach (double m in mantissas) candidates.Add(Round(m * Math.Pow(10, decade)));
        }
        candidates.Sort();
        const double tolerance = 1e-9;
        int lower = candidates.FindLastIndex(t => t <= min * (1 + tolerance));
        int upper = candidates.FindIndex(t => t >= max * (1 - tolerance));
        lower = lower < 0 ? 0 : lower;
        upper = upper < 0 ? candidates.Count - 1 : upper;
        return candidates.GetRange(lower, upper - lower + 1);
    }

    /// <summary>Removes the binary noise of <c>m × 10ⁿ</c> (0.30000000000000004 becomes 0.3).</summary>
    private static double Round(double value) => double.Parse(value.ToString("G12", System.Globalization.CultureInfo.InvariantCulture),
        System.Globalization.CultureInfo.InvariantCulture);
}

namespace NotebookExperiments.Timing;

/// <summary>
/// The median and quartiles of a set of repeated measurements (quantiles interpolated linearly between order statistics,
/// as R's type 7 and NumPy's default), so that one slow block caused by another process moves the spread, not the centre.
/// </summary>
/// <param name="Median">The median.</param>
/// <param name="LowerQuartile">The 25 % quantile.</param>
/// <param name="UpperQuartile">The 75 % quantile.</param>
/// <param name="Count">The number of measurements.</param>
internal sealed record Distribution(double Median, double LowerQuartile, double UpperQuartile, int Count)
{
    /// <summary>The interquartile range, upper minus lower quartile.</summary>
    public double InterquartileRange => UpperQuartile - LowerQuartile;

    /// <summary>Summarises measurements.</summary>
    /// <exception cref="ArgumentException">No measurements.</exception>
    public static Distribution Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) throw new ArgumentException("A distribution needs at least one value.", nameof(values));
        return new Distribution(Quantile(sorted, 0.5), Quantile(sorted, 0.25), Quantile(sorted, 0.75), sorted.Length);
    }

    /// <summary>Every statistic multiplied by a positive factor (a change of unit).</summary>
    public Distribution Scale(double factor) =>
        new(Median * factor, LowerQuartile * factor, UpperQuartile * factor, Count);

    /// <summary>The distribution of <c>factor / x</c> (a time turned into a rate): the quartiles swap places.</summary>
    public Distribution Reciprocal(double factor = 1) =>
        new(factor / Median, factor / UpperQuartile, factor / LowerQuartile, Count);

    private static double Quantile(double[] sorted, double p)
    {
        double position = p * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}

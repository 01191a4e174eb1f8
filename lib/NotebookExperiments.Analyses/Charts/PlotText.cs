using System.Globalization;

namespace NotebookExperiments.Charts;

/// <summary>Text for titles, labels and hover boxes: numbers in the invariant culture, markup characters escaped.</summary>
internal static class PlotText
{
    /// <summary>A number with up to four significant digits (<c>0.5</c>, <c>98.31</c>, <c>1.2e-05</c>); <c>n/a</c> when not finite.</summary>
    public static string Number(double value) =>
        double.IsFinite(value) ? value.ToString("G4", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>A number with two decimals, as the published numbers are given (<c>142.97</c>, <c>0.81</c>); <c>n/a</c> when not finite.</summary>
    public static string TwoDecimals(double value) =>
        double.IsFinite(value) ? value.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>
    /// A number with <paramref name="digits"/> significant digits, without an exponent for the values figures label (<c>6.41</c>,
    /// <c>16.7</c>, <c>0.963</c>, <c>1,250</c>); <c>n/a</c> when not finite.
    /// </summary>
    public static string Significant(double value, int digits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, 1);
        if (!double.IsFinite(value)) return "n/a";
        if (value == 0) return "0";
        int magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        int decimals = Math.Max(0, digits - 1 - magnitude);
        double rounded = Math.Round(value, Math.Min(decimals, 15), MidpointRounding.AwayFromZero);
        return rounded.ToString(decimals == 0 ? "#,0" : "#,0." + new string('0', decimals), CultureInfo.InvariantCulture);
    }

    /// <summary>A number with <paramref name="decimals"/> decimals and a true minus sign (<c>−0.94</c>, <c>0.52</c>); <c>n/a</c> when not finite.</summary>
    public static string Signed(double value, int decimals) =>
        !double.IsFinite(value) ? "n/a"
        : value.ToString("0." + new string('0', decimals), CultureInfo.InvariantCulture).Replace('-', '−');

    /// <summary>
    /// The width in pixels of <paramref name="text"/> set in Arial (the figures' <see cref="ChartStyle.FontFamily"/>) at
    /// <paramref name="size"/> pixels, from Arial's advance widths by kind of character, erring wide (for laying out legends and
    /// notes, which Plotly does not wrap).
    /// </summary>
    public static double EstimatedWidth(string text, double size)
    {
        double em = 0;
        foreach (char c in text)
            em += c switch
            {
                ' ' or '.' or ',' or ':' or ';' or '\'' or 'i' or 'j' or 'l' or '|' => 0.28,
                '(' or ')' or '[' or ']' or '-' or 'f' or 't' or 'r' or 'I' => 0.34,
                'm' or 'M' or 'W' or 'w' => 0.86,
                >= 'A' and <= 'Z' => 0.70,
                >= '0' and <= '9' => 0.56,
                >= 'a' and <= 'z' => 0.56,
                _ => 0.62,
            };
        return em * size * 1.05;
    }

    /// <summary>A count with thousands separators (<c>2,000</c>).</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>
    /// Escapes <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c>: Plotly reads titles, annotations and hover text as a small subset of
    /// HTML, so plain text (an estimator spec, a subtitle) must not be taken for tags.
    /// </summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
}

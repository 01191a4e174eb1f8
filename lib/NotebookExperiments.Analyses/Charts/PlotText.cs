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

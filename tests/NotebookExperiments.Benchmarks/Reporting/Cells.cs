using System.Globalization;
using NotebookExperiments.Timing;

namespace NotebookExperiments.Benchmarks.Reporting;

/// <summary>Report cells for the quantities the benchmarks print, rounded for reading and exact in JSON.</summary>
internal static class Cells
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A duration given in seconds, shown in milliseconds to three significant digits.</summary>
    public static ReportCell Milliseconds(double seconds) => Significant(seconds * 1e3);

    /// <summary>A number to three significant digits (thousands separated, no exponent).</summary>
    public static ReportCell Significant(double value)
    {
        if (!double.IsFinite(value)) return new ReportCell("—", value);
        double magnitude = Math.Abs(value);
        string format = magnitude >= 100 ? "#,0" : magnitude >= 10 ? "0.0" : magnitude >= 1 ? "0.00" : "0.000";
        return new ReportCell(value.ToString(format, Invariant), value);
    }

    /// <summary>A whole number, thousands separated.</summary>
    public static ReportCell Integer(long value) => new(value.ToString("#,0", Invariant), value);

    /// <summary>A ratio, e.g. <c>1.23×</c>.</summary>
    public static ReportCell Ratio(double ratio) => new(Significant(ratio).Text + "×", ratio);

    /// <summary>A ratio with its interquartile range over rounds, e.g. <c>1.23× (1.20–1.26)</c>; the JSON value is the median.</summary>
    public static ReportCell Ratio(Distribution ratio) =>
        new($"{Significant(ratio.Median).Text}× ({Significant(ratio.LowerQuartile).Text}–{Significant(ratio.UpperQuartile).Text})", ratio.Median);

    /// <summary>A plain number cell with a given format.</summary>
    public static ReportCell Number(double value, string format) => new(value.ToString(format, Invariant), value);
}

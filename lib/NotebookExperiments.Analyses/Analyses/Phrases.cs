using System.Globalization;

namespace NotebookExperiments.Analyses;

/// <summary>The phrasing the analyses' descriptions and readings share: numbers in the invariant culture, counts with their noun.</summary>
internal static class Phrases
{
    /// <summary>The images of MNIST's training set, which a training-set size limit at or above it leaves whole.</summary>
    private const int MnistTrainImages = 60_000;

    /// <summary><paramref name="v"/> in <paramref name="format"/>, or <c>—</c> when not finite.</summary>
    public static string F(double v, string format) => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "—";

    /// <summary>
    /// A difference with its sign and <paramref name="decimals"/> decimals: <c>+0.012</c>, <c>−0.300</c> (the minus sign, U+2212),
    /// and <c>0.000</c> for whatever rounds to zero (a two-section format gives <c>-+0.000</c> for −0.0001); <c>—</c> when not finite.
    /// </summary>
    public static string Signed(double v, int decimals)
    {
        var digits = decimals == 0 ? "0" : "0." + new string('0', decimals);
        return F(v, $"+{digits};−{digits};{digits}");
    }

    /// <summary>The items separated by commas: <c>1, 5, 10</c>.</summary>
    public static string Join<T>(IReadOnlyList<T> items) where T : IFormattable =>
        string.Join(", ", items.Select(i => i.ToString(null, CultureInfo.InvariantCulture)));

    /// <summary>A count with its noun, plural unless 1: <c>1 seed</c>, <c>3 epochs</c>.</summary>
    public static string Count(int n, string noun) => $"{n.ToString(CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";

    /// <summary>The training images a size limit leaves, with thousands separators: <c>10,000</c>; <c>60,000</c> for no limit.</summary>
    public static string Images(int? trainSize) =>
        (trainSize is int n && n < MnistTrainImages ? n : MnistTrainImages).ToString("N0", CultureInfo.InvariantCulture);
}

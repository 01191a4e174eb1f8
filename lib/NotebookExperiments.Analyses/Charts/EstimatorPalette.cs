using System.Globalization;
using System.Text.RegularExpressions;

namespace NotebookExperiments.Charts;

/// <summary>
/// One colour per estimator, keyed by the estimator's paper name (its catalogue title), so that an estimator has the same
/// colour in every figure of every analysis.
/// </summary>
/// <remarks>
/// Families share a hue: GR-MCK is orange, darker as K grows (<c>GR-MC1</c> … <c>GR-MC1000</c>); the straight-through
/// family (ST, GS, ST-GS) is blue to teal; the ReinMax family is red to purple. Titles the palette does not know (for example
/// an estimator defined in a notebook cell) get a colour from <see cref="FallbackColors"/> chosen by a stable hash of the
/// title, the same in every process. Matching ignores case.
/// </remarks>
public static partial class EstimatorPalette
{
    /// <summary>The fixed colours, as <c>#RRGGBB</c>, by estimator title.</summary>
    public static IReadOnlyDictionary<string, string> Colors { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Exact"] = "#000000",
        ["RF(M)"] = "#7F7F7F",
        ["ST"] = "#4C78A8",
        ["GS"] = "#9ECAE9",
        ["ST-GS"] = "#2CA6A4",
        ["GR-MCK"] = "#F58518",
        ["ZGR"] = "#54A24B",
        ["ReinMax"] = "#E45756",
        ["ReinMax-RK2(β)"] = "#C2185B",
        ["ReinMax-RK2-trap(β)"] = "#F48FB1",
        ["ReinMax-Rao"] = "#B279A2",
        ["ReinMax-CV"] = "#5E3C99",
        ["GST-1.0"] = "#A0A12B",
    };

    /// <summary>GR-MCK by K: K ≤ 1, ≤ 10, ≤ 100, ≤ 1000, above; light to dark orange.</summary>
    public static IReadOnlyList<string> GumbelRaoShades { get; } = ["#FDAE6B", "#F58518", "#D94801", "#A63603", "#6B2402"];

    /// <summary>Colours for titles not in <see cref="Colors"/>, none of them close to a fixed colour.</summary>
    public static IReadOnlyList<string> FallbackColors { get; } =
        ["#17BECF", "#8C564B", "#E377C2", "#393B79", "#637939", "#8C6D31", "#843C39", "#7B4173", "#3182BD", "#31A354"];

    /// <summary>
    /// The colour of an estimator title: a fixed colour (<see cref="Colors"/>), a GR-MCK shade for <c>GR-MC&lt;K&gt;</c>,
    /// the family colour for <c>RF(&lt;M&gt;)</c>, <c>GST-&lt;gap&gt;</c> and <c>ReinMax-RK2(&lt;β&gt;)</c> titles,
    /// otherwise a fallback colour picked by a stable hash of the title.
    /// </summary>
    /// <param name="title">The estimator's paper name, e.g. <c>ReinMax-CV</c> or <c>GR-MC10</c>.</param>
    /// <returns>A colour as <c>#RRGGBB</c>.</returns>
    public static string ColorOf(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var key = title.Trim();
        if (Colors.TryGetValue(key, out var fixedColor)) return fixedColor;

        var gumbelRao = GumbelRaoTitle().Match(key);
        if (gumbelRao.Success)
            return ShadeForSamples(double.Parse(gumbelRao.Groups["k"].Value, CultureInfo.InvariantCulture));
        if (ReinforceTitle().IsMatch(key)) return Colors["RF(M)"];
        if (GappedStraightThroughTitle().IsMatch(key)) return Colors["GST-1.0"];
        if (ReinMaxRk2TrapezoidTitle().IsMatch(key)) return Colors["ReinMax-RK2-trap(β)"];
        if (ReinMaxRk2Title().IsMatch(key)) return Colors["ReinMax-RK2(β)"];

        return FallbackColors[(int)(StableHash(key.ToLowerInvariant()) % (uint)FallbackColors.Count)];
    }

    /// <summary>The colour with an opacity, as <c>rgba(r,g,b,a)</c> (for bands drawn under a line of the colour).</summary>
    /// <param name="color">A colour as <c>#RRGGBB</c>.</param>
    /// <param name="opacity">Opacity in [0, 1].</param>
    public static string WithOpacity(string color, double opacity)
    {
        if (color.Length != 7 || color[0] != '#')
            throw new ArgumentException($"Expected a colour as #RRGGBB, got '{color}'.", nameof(color));
        int r = int.Parse(color.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        int g = int.Parse(color.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        int b = int.Parse(color.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"rgba({r},{g},{b},{Math.Clamp(opacity, 0, 1):0.###})");
    }

    private static string ShadeForSamples(double k) => k switch
    {
        <= 1 => GumbelRaoShades[0],
        <= 10 => GumbelRaoShades[1],
        <= 100 => GumbelRaoShades[2],
        <= 1000 => GumbelRaoShades[3],
        _ => GumbelRaoShades[4],
    };

    /// <summary>FNV-1a over the UTF-16 code units: unlike <see cref="string.GetHashCode()"/>, the same in every process.</summary>
    private static uint StableHash(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash ^= c;
            hash *= 16777619;
        }
        return hash;
    }

    [GeneratedRegex(@"^GR-MC(?<k>\d+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GumbelRaoTitle();

    [GeneratedRegex(@"^RF\(\s*\d+\s*\)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReinforceTitle();

    [GeneratedRegex(@"^GST-", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GappedStraightThroughTitle();

    [GeneratedRegex(@"^ReinMax-RK2-trap\(", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReinMaxRk2TrapezoidTitle();

    [GeneratedRegex(@"^ReinMax-RK2\(", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReinMaxRk2Title();
}

using System.Globalization;
using System.Text.RegularExpressions;
using NotebookExperiments.Estimators;

namespace NotebookExperiments.Charts;

/// <summary>
/// One colour per estimator, the same in every figure of every analysis: the colour its catalogue entry gives
/// (<see cref="EstimatorDefinition.Colour"/>), found from the title a figure shows.
/// </summary>
/// <remarks>
/// A title is matched, ignoring case, against the titles of <see cref="EstimatorCatalog.Default"/>'s entries (and of the
/// parameterisations they colour apart, such as ReinMax-CV's authors' variants), then against their
/// families: a parameterised title takes its entry's colour (<c>RF(4)</c> that of <c>RF(M)</c>, <c>GST-0.5</c> that of
/// <c>GST-1.0</c>, <c>ReinMax-RK2(0.55)</c> that of <c>ReinMax-RK2(β)</c>). Gumbel-Rao's titles (<c>GR-MC1</c> … <c>GR-MC1000</c>)
/// are shades of its orange, darker as K grows. A title with no entry or an entry without a colour (an estimator defined in a
/// notebook cell) gets a colour from <see cref="FallbackColors"/> chosen by a stable hash of the title, the same in every process.
/// </remarks>
public static partial class EstimatorPalette
{
    /// <summary>
    /// The colours of the catalogue's entries that have one, and of the parameterisations an entry colours apart
    /// (<see cref="EstimatorDefinition.InstanceColours"/>), as <c>#RRGGBB</c>, by title.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Colors =>
        EstimatorCatalog.Default.Definitions
            .SelectMany(d => (d.Colour is null ? [] : new[] { KeyValuePair.Create(d.Title, d.Colour) }).Concat(d.InstanceColours))
            .GroupBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>GR-MCK by K: K ≤ 1, ≤ 10, ≤ 100, ≤ 1000, above; light to dark orange.</summary>
    public static IReadOnlyList<string> GumbelRaoShades { get; } = ["#FDAE6B", "#F58518", "#D94801", "#A63603", "#6B2402"];

    /// <summary>Colours for titles without one, none of them close to a built-in's.</summary>
    public static IReadOnlyList<string> FallbackColors { get; } =
        ["#17BECF", "#8C564B", "#E377C2", "#393B79", "#637939", "#8C6D31", "#843C39", "#7B4173", "#3182BD", "#31A354"];

    /// <summary>
    /// The colour of an estimator title: its catalogue entry's colour (<see cref="Colors"/>), a GR-MCK shade for
    /// <c>GR-MC&lt;K&gt;</c>, its family's colour for a parameterised title, otherwise a fallback colour picked by a stable hash.
    /// </summary>
    /// <param name="title">The estimator's title, e.g. <c>ReinMax-CV</c> or <c>GR-MC10</c>.</param>
    /// <returns>A colour as <c>#RRGGBB</c>.</returns>
    public static string ColorOf(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var key = title.Trim();
        var colours = Colors;
        if (colours.TryGetValue(key, out var fixedColor)) return fixedColor;

        var gumbelRao = GumbelRaoTitle().Match(key);
        if (gumbelRao.Success)
            return ShadeForSamples(double.Parse(gumbelRao.Groups["k"].Value, CultureInfo.InvariantCulture));
        var family = FamilyOf(key);
        foreach (var (entryTitle, colour) in colours)
            if (string.Equals(FamilyOf(entryTitle), family, StringComparison.OrdinalIgnoreCase)) return colour;

        return FallbackColors[(int)(StableHash(key.ToLowerInvariant()) % (uint)FallbackColors.Count)];
    }

    /// <summary>A title without its parameter: <c>ReinMax-RK2(0.55)</c> → <c>ReinMax-RK2</c>, <c>GST-0.5</c> → <c>GST</c>.</summary>
    private static string FamilyOf(string title) => ParameterSuffix().Replace(title, "");

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

    [GeneratedRegex(@"(\(.*\)|-\d+(\.\d+)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterSuffix();
}

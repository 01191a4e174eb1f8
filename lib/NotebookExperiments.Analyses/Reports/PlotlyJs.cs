using System.Text.RegularExpressions;
using Plotly.NET;

namespace NotebookExperiments.Reports;

/// <summary>
/// plotly.js as Plotly.NET ships it inside its assembly (an embedded resource, <c>plotly-VERSION.min.js</c>), for pages that draw
/// several figures and embed the library once, offline, instead of once per figure or from a CDN: the reproduction report, and
/// the notebook pages and chart images of <c>NotebookExperiments.Notebooks</c>.
/// </summary>
/// <remarks>
/// The minified source itself mentions the CDN's host once, as the default <c>topojsonURL</c> that only geographic maps fetch;
/// no script is loaded from there.
/// </remarks>
public static partial class PlotlyJs
{
    /// <summary>The attribute that marks the embedded script element, with the plotly.js version as its value.</summary>
    public const string MarkerAttribute = "data-report-plotly-js";

    private static readonly Lazy<(string Version, string Source)> Embedded = new(Load);

    /// <summary>The plotly.js version Plotly.NET ships (2.28.0 for Plotly.NET 6.0.0).</summary>
    public static string Version => Embedded.Value.Version;

    /// <summary>The minified plotly.js source (about 3.6 MB).</summary>
    public static string Source => Embedded.Value.Source;

    /// <summary>A <c>&lt;script&gt;</c> element with the whole of plotly.js inline, marked with <see cref="MarkerAttribute"/>.</summary>
    public static string ScriptElement() => $"<script type=\"text/javascript\" {MarkerAttribute}=\"{Version}\">{Source}</script>";

    /// <summary>HTML with every marked plotly.js element removed (to embed one copy elsewhere).</summary>
    public static string RemoveScriptElements(string html) =>
        html.Contains(MarkerAttribute, StringComparison.Ordinal) ? MarkedElement().Replace(html, "") : html;

    private static (string, string) Load()
    {
        var assembly = typeof(GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames().SingleOrDefault(n => ResourceName().IsMatch(n))
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} {assembly.GetName().Version} carries no plotly-*.min.js resource.");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return (ResourceName().Match(name).Groups["version"].Value, reader.ReadToEnd());
    }

    [GeneratedRegex(@"plotly-(?<version>\d+\.\d+\.\d+)\.min\.js$")]
    private static partial Regex ResourceName();

    [GeneratedRegex("<script type=\"text/javascript\" " + MarkerAttribute + "=\"[^\"]*\">.*?</script>", RegexOptions.Singleline)]
    private static partial Regex MarkedElement();
}

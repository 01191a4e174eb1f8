using System.Text.RegularExpressions;
using Plotly.NET;

namespace NotebookExperiments.Notebooks.Rendering;

/// <summary>
/// plotly.js as shipped inside the Plotly.NET assembly (an embedded resource, <c>plotly-VERSION.min.js</c>), so that
/// chart HTML works offline: a document embeds it once in a marked <c>&lt;script&gt;</c> element instead of loading it
/// from a CDN.
/// </summary>
/// <remarks>
/// The minified source itself mentions the CDN's host once, as the default <c>topojsonURL</c> that only geographic
/// maps fetch; no script is loaded from there.
/// </remarks>
public static partial class PlotlyScript
{
    /// <summary>The attribute that marks the embedded script element, with the plotly.js version as its value.</summary>
    public const string MarkerAttribute = "data-notebook-plotly-js";

    private static readonly Lazy<(string Version, string Source)> Embedded = new(LoadEmbedded);

    /// <summary>The plotly.js version Plotly.NET ships (2.28.0 for Plotly.NET 6.0.0).</summary>
    public static string Version => Embedded.Value.Version;

    /// <summary>The minified plotly.js source (about 3.6 MB).</summary>
    public static string Source => Embedded.Value.Source;

    /// <summary>A <c>&lt;script&gt;</c> element with the whole of plotly.js inline, marked with <see cref="MarkerAttribute"/>.</summary>
    public static string ScriptElement() => $"<script type=\"text/javascript\" {MarkerAttribute}=\"{Version}\">{Source}</script>";

    /// <summary>
    /// A <c>&lt;script&gt;</c> element that answers RequireJS's calls with the embedded plotly.js. The kernel's chart outputs
    /// (Plotly.NET.Interactive) ask RequireJS for plotly.js from a CDN, and fetch RequireJS itself from a CDN when the page has
    /// none; with this element after <see cref="ScriptElement"/>, <c>requirejs.config(…)</c> returns a loader that hands the
    /// charts the <c>Plotly</c> already on the page, so they draw offline.
    /// </summary>
    public static string RequireShimElement() =>
        "<script type=\"text/javascript\">(function () { var load = function (modules, ready) { ready(window.Plotly); }; " +
        "load.config = function () { return load; }; window.requirejs = load; window.require = load; })();</script>";

    /// <summary>Whether HTML draws a Plotly chart (calls <c>Plotly.newPlot</c>) and so needs plotly.js.</summary>
    public static bool DrawsChart(string html) => html.Contains("Plotly.newPlot", StringComparison.Ordinal);

    /// <summary>Whether HTML contains the marked plotly.js element.</summary>
    public static bool ContainsScriptElement(string html) => html.Contains(MarkerAttribute, StringComparison.Ordinal);

    /// <summary>HTML with every marked plotly.js element removed (to embed one copy elsewhere).</summary>
    public static string RemoveScriptElements(string html) => ContainsScriptElement(html) ? MarkedElement().Replace(html, "") : html;

    private static (string, string) LoadEmbedded()
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

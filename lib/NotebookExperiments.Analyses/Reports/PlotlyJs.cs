using System.Text.RegularExpressions;
using Plotly.NET;

namespace NotebookExperiments.Reports;

/// <summary>
/// plotly.js as Plotly.NET ships it inside its assembly (an embedded resource, <c>plotly-VERSION.min.js</c>), for pages that draw
/// several figures and embed the library once, offline, instead of once per figure or from a CDN. (The notebook reports of
/// <c>NotebookExperiments.Notebooks</c> read the same resource.)
/// </summary>
public static partial class PlotlyJs
{
    /// <summary>The attribute that marks the embedded script element, with the plotly.js version as its value.</summary>
    public const string MarkerAttribute = "data-report-plotly-js";

    private static readonly Lazy<(string Version, string Source)> Embedded = new(Load);

    /// <summary>The plotly.js version Plotly.NET ships.</summary>
    public static string Version => Embedded.Value.Version;

    /// <summary>The minified plotly.js source (about 3.6 MB).</summary>
    public static string Source => Embedded.Value.Source;

    /// <summary>A <c>&lt;script&gt;</c> element with the whole of plotly.js inline, marked with <see cref="MarkerAttribute"/>.</summary>
    public static string ScriptElement() => $"<script type=\"text/javascript\" {MarkerAttribute}=\"{Version}\">{Source}</script>";

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
}

using Microsoft.FSharp.Core;
using Plotly.NET;

namespace NotebookExperiments.Charts;

/// <summary>
/// A figure as a self-contained HTML page (plotly.js embedded, about 3.6 MB, so it opens offline and in a browser that
/// cannot reach a CDN) and as Plotly JSON (deterministic, for tests and for comparing runs).
/// </summary>
public static class ChartExport
{
    /// <summary>
    /// A complete HTML document that draws the figure with plotly.js inlined in a <c>script</c> element — no CDN reference,
    /// no network access. The chart itself is left unchanged. Each call gives the chart's element a new random id, so compare
    /// figures with <see cref="ToJson"/>, not with this.
    /// </summary>
    /// <param name="chart">The figure.</param>
    /// <param name="documentTitle">The page title (the browser tab), or null for none.</param>
    public static string ToStandaloneHtml(GenericChart chart, string? documentTitle = null)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var options = DisplayOptions.init(
            DocumentTitle: documentTitle is null ? FSharpOption<string>.None : FSharpOption<string>.Some(documentTitle),
            DocumentCharset: FSharpOption<string>.Some("utf-8"),
            DocumentDescription: FSharpOption<string>.None,
            DocumentFavicon: null,
            AdditionalHeadTags: null,
            ChartDescription: null,
            PlotlyJSReference: FSharpOption<PlotlyJSReference>.Some(PlotlyJSReference.Full));
        // setDisplayOptions builds a new chart value around the same traces and layout; the caller's chart keeps its options.
        return GenericChart.toEmbeddedHTML(GenericChart.setDisplayOptions(options, chart));
    }

    /// <summary>
    /// Writes <see cref="ToStandaloneHtml"/> to <paramref name="path"/> (UTF-8) through a temporary file in the same folder
    /// and a rename (<see cref="CsvFile.WriteAtomically"/>), so a reader never sees a half-written page; creates the folder if needed.
    /// </summary>
    /// <param name="chart">The figure.</param>
    /// <param name="path">Where the page goes, e.g. <c>results/beta-sweep.html</c>.</param>
    /// <param name="documentTitle">The page title, or null for none.</param>
    /// <returns>The full path written.</returns>
    public static string SaveStandaloneHtml(GenericChart chart, string path, string? documentTitle = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        CsvFile.WriteAtomically(full, ToStandaloneHtml(chart, documentTitle));
        return full;
    }

    /// <summary>
    /// The figure as Plotly JSON (<c>data</c>, <c>layout</c>, <c>config</c>): deterministic for a given figure, so two builds
    /// of the same figure from the same data give the same string.
    /// </summary>
    /// <param name="chart">The figure.</param>
    public static string ToJson(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return GenericChart.toJson(chart);
    }
}

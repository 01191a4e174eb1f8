using System.Net;
using System.Text;
using Plotly.NET;

namespace NotebookExperiments.Notebooks.Rendering;

/// <summary>
/// Plotly.NET charts as HTML that works offline. Plotly.NET's own documents load plotly.js from a CDN by default, and
/// switching a chart to embedded plotly.js changes the chart object itself; these helpers leave the chart untouched.
/// </summary>
public static class ChartHtml
{
    /// <summary>The chart's <c>&lt;div&gt;</c> and drawing script, without plotly.js (a page must provide it once).</summary>
    public static string Fragment(GenericChart chart) => GenericChart.toChartHTML(chart);

    /// <summary>A complete HTML document showing the chart, with plotly.js embedded inline (no network needed).</summary>
    /// <param name="chart">The chart.</param>
    /// <param name="title">The document's title.</param>
    public static string ToStandaloneHtml(GenericChart chart, string title = "Chart")
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(WebUtility.HtmlEncode(title)).Append("</title>\n")
            .Append(PlotlyScript.ScriptElement()).Append('\n')
            .Append("</head>\n<body>\n")
            .Append(Fragment(chart))
            .Append("\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Writes <see cref="ToStandaloneHtml"/> to a file.</summary>
    public static void SaveStandaloneHtml(GenericChart chart, string path, string title = "Chart") =>
        File.WriteAllText(path, ToStandaloneHtml(chart, title), new UTF8Encoding(false));
}

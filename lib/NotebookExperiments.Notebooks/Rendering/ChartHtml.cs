using Plotly.NET;

namespace NotebookExperiments.Notebooks.Rendering;

/// <summary>
/// Plotly.NET charts as notebook output: the chart's fragment, drawn by the one plotly.js that <see cref="OutputFormatter"/>
/// embeds per document. Standalone pages are <c>NotebookExperiments.Charts.ChartExport</c>'s.
/// </summary>
public static class ChartHtml
{
    /// <summary>The chart's <c>&lt;div&gt;</c> and drawing script, without plotly.js (a page must provide it once).</summary>
    public static string Fragment(GenericChart chart) => GenericChart.toChartHTML(chart);
}

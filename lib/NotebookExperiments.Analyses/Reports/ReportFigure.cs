using NotebookExperiments.Charts;

namespace NotebookExperiments.Reports;

/// <summary>One figure of an analysis in the report: its chart as Plotly JSON and the names of the files the report writes for it.</summary>
/// <param name="Analysis">The analysis, e.g. <c>temperature-study</c>.</param>
/// <param name="Name">The analysis's file name of the figure, e.g. <c>figure-gradients.html</c>.</param>
/// <param name="Json">The figure as Plotly JSON (<see cref="ChartExport.ToJson"/>: <c>data</c>, <c>layout</c>, <c>config</c>).</param>
/// <param name="Chart">The figure.</param>
public sealed record ReportFigure(string Analysis, string Name, string Json, Plotly.NET.GenericChart Chart)
{
    /// <summary>The base name of the report's files of this figure, e.g. <c>temperature-study-figure-gradients</c>.</summary>
    public string BaseName => $"{Analysis}-{Path.GetFileNameWithoutExtension(Name)}";

    /// <summary>The element id of the figure on the HTML page.</summary>
    public string ElementId => "figure-" + BaseName;
}

using Microsoft.Data.Analysis;
using NotebookExperiments.Charts;

namespace NotebookExperiments.Analyses;

/// <summary>
/// A file an analysis writes into its result folder after a run: a CSV table, a figure as standalone HTML, or text (Markdown,
/// HTML). Each is written to a temporary file and renamed, so a reader never sees half a file.
/// </summary>
public sealed class ResultFile
{
    private readonly Action<string> _write;

    private ResultFile(string name, Action<string> write, DataFrame? frame = null, Plotly.NET.GenericChart? chart = null, string? text = null)
    {
        Name = name;
        _write = write;
        Frame = frame;
        Chart = chart;
        Content = text;
    }

    /// <summary>The file name, e.g. <c>summary.csv</c>.</summary>
    public string Name { get; }

    /// <summary>The table of a CSV file, or null.</summary>
    public DataFrame? Frame { get; }

    /// <summary>The figure of a figure file, or null (the report draws it on its own page).</summary>
    public Plotly.NET.GenericChart? Chart { get; }

    /// <summary>The text of a text file, or null.</summary>
    public string? Content { get; }

    /// <summary>A data frame as CSV (invariant culture, numbers in shortest round-trip form).</summary>
    public static ResultFile Csv(string name, DataFrame frame) => new(name, path => CsvTable.SaveAtomically(frame, path), frame: frame);

    /// <summary>A figure as standalone HTML with plotly.js embedded (works offline).</summary>
    public static ResultFile Figure(string name, Plotly.NET.GenericChart chart) => new(name, path => ChartExport.SaveStandaloneHtml(chart, path), chart: chart);

    /// <summary>Text, e.g. a Markdown or HTML table.</summary>
    public static ResultFile Text(string name, string text) => new(name, path => CsvFile.WriteAtomically(path, text), text: text);

    /// <summary>Writes the file into <paramref name="directory"/> and returns its path.</summary>
    public string WriteTo(string directory)
    {
        var path = Path.Combine(directory, Name);
        _write(path);
        return path;
    }
}

namespace NotebookExperiments.Benchmarks.Reporting;

/// <summary>A cell: its text for tables and, for numbers, the unrounded value for JSON.</summary>
/// <param name="Text">As shown in tables.</param>
/// <param name="Value">The number behind the text (in the column's unit), or null for text.</param>
internal sealed record ReportCell(string Text, double? Value = null)
{
    /// <summary>An empty cell (JSON null).</summary>
    public static ReportCell Empty { get; } = new("");

    /// <summary>A text cell.</summary>
    public static implicit operator ReportCell(string text) => new(text);
}

namespace NotebookExperiments.Benchmarks.Reporting;

/// <summary>Writes a report as GitHub-flavoured markdown: a heading, a table and its notes per section (for the README).</summary>
internal static class MarkdownReportWriter
{
    /// <summary>Writes the report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="writer">Where to.</param>
    /// <param name="headingLevel">The level of each table's heading (3: <c>###</c>, under the README's <c>## Performance</c>).</param>
    public static void Write(BenchmarkReport report, TextWriter writer, int headingLevel = 3)
    {
        writer.WriteLine($"Measured {report.Environment.Describe()}.");
        foreach (var table in report.Tables)
        {
            writer.WriteLine();
            writer.WriteLine($"{new string('#', headingLevel)} {table.Title}");
            writer.WriteLine();
            var visible = table.VisibleColumns.ToList();
            writer.WriteLine("| " + string.Join(" | ", visible.Select(v => Escape(v.Column.Header))) + " |");
            writer.WriteLine("|" + string.Join("|", visible.Select(v => v.Column.Numeric ? "---:" : "---")) + "|");
            foreach (var row in table.Rows)
                writer.WriteLine("| " + string.Join(" | ", visible.Select(v => Escape(row[v.Index].Text))) + " |");
            if (table.Notes.Count > 0) writer.WriteLine();
            foreach (var note in table.Notes) writer.WriteLine($"- {note}");
        }
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}

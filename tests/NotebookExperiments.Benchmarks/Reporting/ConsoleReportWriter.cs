using Spectre.Console;

namespace NotebookExperiments.Benchmarks.Reporting;

/// <summary>Writes a report as Spectre.Console tables, each followed by its notes.</summary>
internal static class ConsoleReportWriter
{
    /// <summary>Writes the report to the console.</summary>
    public static void Write(BenchmarkReport report, IAnsiConsole console)
    {
        console.MarkupLine($"[bold]NotebookExperiments benchmarks[/] — {Markup.Escape(report.Environment.Describe())}");
        foreach (var table in report.Tables)
        {
            console.WriteLine();
            var grid = new Table().Title($"[bold]{Markup.Escape(table.Title)}[/]");
            var visible = table.VisibleColumns.ToList();
            foreach (var (column, _) in visible)
            {
                var header = new TableColumn(Markup.Escape(column.Header));
                grid.AddColumn(column.Numeric ? header.RightAligned() : header);
            }
            foreach (var row in table.Rows)
                grid.AddRow(visible.Select(v => Markup.Escape(row[v.Index].Text)).ToArray());
            console.Write(grid);
            foreach (var note in table.Notes) console.MarkupLine($"  [grey]{Markup.Escape(note)}[/]");
        }
    }
}

using System.Globalization;
using System.Text;

namespace NotebookExperiments.Reports;

/// <summary>The reproduction report as one Markdown page (GitHub tables): each figure is a link to its own offline page and its Plotly JSON.</summary>
internal static class ReportMarkdown
{
    /// <summary>The page of <paramref name="report"/>, with links relative to <paramref name="output"/>, the page's folder.</summary>
    public static string Page(ReproductionReport report, string output)
    {
        var text = new StringBuilder();
        text.Append("# Reproduction report\n\n").Append(report.Introduction()).Append("\n\n");
        text.Append("Results folder: `").Append(report.ResultsDirectory).Append("`; read ")
            .Append(report.Written.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append(".\n\n");
        text.Append("## Summary\n\n");
        foreach (var section in report.Sections) text.Append("- ").Append(section.Summary()).Append('\n');
        text.Append('\n');
        foreach (var section in report.Sections) Section(text, section, output);
        return text.ToString();
    }

    private static void Section(StringBuilder text, ReportSection section, string output)
    {
        var results = section.Results;
        text.Append("## ").Append(section.Name).Append("\n\n").Append(results.Analysis.Summary).Append("\n\n**").Append(section.State()).Append("**\n\n");
        if (!results.HasResults) return;
        foreach (var problem in results.Problems) text.Append("- ").Append(Cell(problem)).Append('\n');
        if (results.Problems.Count > 0) text.Append('\n');
        var rows = section.ProvenanceRows();
        if (rows.Count > 0)
        {
            text.Append("### Provenance\n\n| | |\n|---|---|\n");
            foreach (var (label, value) in rows) text.Append("| ").Append(label).Append(" | ").Append(Cell(value)).Append(" |\n");
            text.Append('\n');
        }
        text.Append(section.Comparability()).Append("\n\n");
        if (section.Verdicts is not null) text.Append("**Verdicts:** ").Append(section.DescribeVerdicts()).Append(".\n\n");
        foreach (var table in results.Tables)
        {
            var (header, cells) = ReportCells.Of(table);
            Table(text.Append("### ").Append(Cell(table.Title)).Append("\n\n"), header, cells).Append('\n');
            if (table.Note is { } note) text.Append(note).Append("\n\n");
        }
        if (section.Comparison is { } frame)
        {
            var comparison = ReportComparison.Of(frame);
            text.Append("### Against the published numbers\n\n");
            if (comparison.CommonReasons is { } reasons)
                text.Append("Not comparable, in every ").Append(section.Noun[..^1]).Append(" with a published number: ").Append(reasons).Append(".\n\n");
            Table(text, comparison.Header, comparison.Rows).Append('\n').Append(ReportComparison.Legend).Append("\n\n");
        }
        if (section.Figures.Count > 0)
        {
            text.Append("### Figures\n\n");
            foreach (var figure in section.Figures)
            {
                var page = ReproductionReport.Link(output, Path.Combine(output, ReproductionReport.FiguresFolderName, figure.BaseName + ".html"));
                var json = ReproductionReport.Link(output, Path.Combine(output, ReproductionReport.FiguresFolderName, figure.BaseName + ".json"));
                text.Append("- [").Append(figure.Name).Append("](").Append(page).Append(") (offline page; [Plotly JSON](").Append(json).Append("))\n");
            }
            text.Append('\n');
        }
        if (results.FilesPresent.Count > 0)
            text.Append("The analysis's files: ").AppendJoin(", ", results.FilesPresent.Select(f =>
                $"[{f}]({ReproductionReport.Link(output, Path.Combine(results.Directory, f))})")).Append("\n\n");
    }

    /// <summary>A GitHub table of the header and rows, each cell through <see cref="Cell"/>.</summary>
    private static StringBuilder Table(StringBuilder text, IEnumerable<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        text.Append("| ").AppendJoin(" | ", header.Select(Cell)).Append(" |\n|").AppendJoin("", header.Select(_ => "---|")).Append('\n');
        foreach (var row in rows) text.Append("| ").AppendJoin(" | ", row.Select(Cell)).Append(" |\n");
        return text;
    }

    /// <summary>Text for a table cell: pipes escaped, line breaks as spaces.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}

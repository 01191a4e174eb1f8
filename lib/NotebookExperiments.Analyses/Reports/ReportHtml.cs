using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace NotebookExperiments.Reports;

/// <summary>
/// The reproduction report as one HTML page that works offline: plotly.js embedded once (<see cref="PlotlyJs"/>) when there is a
/// figure, each figure drawn from its Plotly JSON, no script, style or link loaded from the network.
/// </summary>
internal static partial class ReportHtml
{
    private const string Style =
        "body{font-family:sans-serif;max-width:1250px;margin:1em auto;padding:0 1em;color:#222}" +
        "table{border-collapse:collapse;margin:.5em 0}th,td{padding:2px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top;font-size:13px}" +
        "th{border-bottom:1px solid #999}.state{font-weight:bold}.problems{color:#a33}.figure{margin:1em 0}code{background:#f4f4f4;padding:0 3px}";

    /// <summary>The page of <paramref name="report"/>, with links relative to <paramref name="output"/>, the page's folder.</summary>
    public static string Page(ReproductionReport report, string output)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Reproduction report</title><style>").Append(Style).Append("</style>\n");
        if (report.Sections.Any(s => s.Figures.Count > 0)) html.Append(PlotlyJs.ScriptElement()).Append('\n');
        html.Append("</head><body>\n<h1>Reproduction report</h1>\n<p>").Append(E(report.Introduction())).Append("</p>\n");
        html.Append("<p>Results folder: <code>").Append(E(report.ResultsDirectory)).Append("</code>; read ")
            .Append(E(report.Written.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))).Append(".</p>\n");
        html.Append("<h2>Summary</h2>\n<ul>");
        foreach (var section in report.Sections)
            html.Append("<li><a href=\"#").Append(E(section.Name)).Append("\">").Append(Code(E(section.Summary()))).Append("</a></li>");
        html.Append("</ul>\n");
        foreach (var section in report.Sections) Section(html, section, output);
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Section(StringBuilder html, ReportSection section, string output)
    {
        var results = section.Results;
        html.Append("<section id=\"").Append(E(section.Name)).Append("\">\n<h2>").Append(E(section.Name)).Append("</h2>\n<p>")
            .Append(E(results.Analysis.Summary)).Append("</p>\n<p class=\"state\">").Append(Code(E(section.State()))).Append("</p>\n");
        if (!results.HasResults)
        {
            html.Append("</section>\n");
            return;
        }
        if (results.Problems.Count > 0)
            html.Append("<ul class=\"problems\">").AppendJoin("", results.Problems.Select(p => $"<li>{E(p)}</li>")).Append("</ul>\n");
        var rows = section.ProvenanceRows();
        if (rows.Count > 0)
        {
            html.Append("<h3>Provenance</h3>\n<table class=\"provenance\">");
            foreach (var (label, value) in rows) html.Append("<tr><th>").Append(E(label)).Append("</th><td>").Append(E(value)).Append("</td></tr>");
            html.Append("</table>\n");
        }
        html.Append("<p class=\"comparability\">").Append(E(section.Comparability())).Append("</p>\n");
        if (section.Verdicts is { } verdicts) html.Append("<p class=\"verdicts\"><b>Verdicts:</b> ").Append(E(section.DescribeVerdicts())).Append(".</p>\n");
        foreach (var table in results.Tables)
        {
            var (header, cells) = ReportCells.Of(table);
            Table(html.Append("<h3>").Append(E(table.Title)).Append("</h3>\n"), null, header, cells);
            if (table.Note is { } note) html.Append("<p class=\"legend\">").Append(E(note)).Append("</p>\n");
        }
        if (section.Comparison is { } frame)
        {
            var comparison = ReportComparison.Of(frame);
            html.Append("<h3>Against the published numbers</h3>\n");
            if (comparison.CommonReasons is { } reasons)
                html.Append("<p class=\"not-comparable\">Not comparable, in every ").Append(E(section.Noun[..^1])).Append(" with a published number: ")
                    .Append(E(reasons)).Append(".</p>\n");
            Table(html, "comparison", comparison.Header, comparison.Rows)
                .Append("<p class=\"legend\">").Append(E(ReportComparison.Legend)).Append("</p>\n");
        }
        foreach (var figure in section.Figures)
        {
            var page = ReproductionReport.Link(output, Path.Combine(output, ReproductionReport.FiguresFolderName, figure.BaseName + ".html"));
            var json = ReproductionReport.Link(output, Path.Combine(output, ReproductionReport.FiguresFolderName, figure.BaseName + ".json"));
            html.Append("<h3>").Append(E(figure.Name)).Append("</h3>\n<div id=\"").Append(E(figure.ElementId)).Append("\" class=\"figure\"></div>\n")
                .Append("<script type=\"text/javascript\">(function () { var figure = ").Append(figure.Json.Replace("</", "<\\/", StringComparison.Ordinal))
                .Append("; Plotly.newPlot(\"").Append(figure.ElementId).Append("\", figure.data, figure.layout, figure.config); })();</script>\n")
                .Append("<p><a href=\"").Append(E(page)).Append("\">the figure on its own page</a> · <a href=\"").Append(E(json)).Append("\">its Plotly JSON</a></p>\n");
        }
        if (results.FilesPresent.Count > 0)
            html.Append("<p>The analysis's files: ").AppendJoin(", ", results.FilesPresent.Select(f =>
                $"<a href=\"{E(ReproductionReport.Link(output, Path.Combine(results.Directory, f)))}\">{E(f)}</a>")).Append("</p>\n");
        html.Append("</section>\n");
    }

    private static string E(string text) => Display.HtmlText.Encode(text);

    /// <summary>A table of encoded text, with a class when <paramref name="cssClass"/> is given.</summary>
    private static StringBuilder Table(StringBuilder html, string? cssClass, IEnumerable<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        html.Append(cssClass is null ? "<table>" : $"<table class=\"{cssClass}\">")
            .Append("<thead><tr>").AppendJoin("", header.Select(h => $"<th>{E(h)}</th>")).Append("</tr></thead><tbody>");
        foreach (var row in rows) html.Append("<tr>").AppendJoin("", row.Select(c => $"<td>{E(c)}</td>")).Append("</tr>");
        return html.Append("</tbody></table>\n");
    }

    /// <summary>Encoded text with its Markdown code spans (<c>`…`</c>) as <c>&lt;code&gt;</c>.</summary>
    private static string Code(string encoded) => CodeSpan().Replace(encoded, "<code>$1</code>");

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();
}

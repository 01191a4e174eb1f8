using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Markdig;
using Microsoft.DotNet.Interactive.Documents;
using NotebookExperiments.Reports;

namespace NotebookExperiments.Notebooks.Rendering;

/// <summary>
/// A whole notebook as one self-contained HTML page, readable offline: markdown cells rendered (Markdig, with pipe
/// tables and the other common extensions), code cells with their source and execution count, and their outputs (HTML
/// outputs such as charts and tables inline, text as preformatted text, images inline, errors highlighted). plotly.js
/// is embedded once in the page's head when any output draws a chart, with a stand-in for RequireJS that the kernel's chart
/// outputs call (<see cref="ChartImages.RequireShimElement"/>); no script is loaded from the network.
/// </summary>
internal static partial class NotebookHtmlReport
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    private const string Style = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; background: #fafafa; color: #1f2328; }
        main { max-width: 1100px; margin: 0 auto; padding: 1.5rem; }
        .cell { margin: 0.75rem 0; }
        .code .source { background: #f3f4f6; border: 1px solid #d0d7de; border-radius: 4px; padding: 0.5rem 0.75rem; overflow-x: auto; }
        .prompt { font-family: ui-monospace, monospace; font-size: 0.8rem; color: #57606a; }
        .outputs { margin: 0.25rem 0 0 0; }
        .output pre { margin: 0.25rem 0; padding: 0.25rem 0.75rem; overflow-x: auto; }
        .stderr pre { background: #fff8e1; }
        .error pre { background: #ffebe9; color: #82071e; }
        table.dataframe { border-collapse: collapse; font-size: 0.9rem; }
        table.dataframe th, table.dataframe td { border: 1px solid #d0d7de; padding: 0.2rem 0.5rem; text-align: right; }
        table.dataframe thead { background: #f3f4f6; }
        pre, code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.85rem; }
        """;

    /// <summary>The page's HTML.</summary>
    /// <param name="notebook">The notebook, usually an executed one.</param>
    /// <param name="title">The page title; default: the first markdown heading, else "Notebook".</param>
    public static string Render(InteractiveDocument notebook, string? title = null)
    {
        var body = new StringBuilder();
        bool drawsCharts = false;
        foreach (var cell in notebook.Elements)
        {
            if (cell.IsMarkdown)
            {
                body.Append("<section class=\"cell markdown\">\n").Append(Markdig.Markdown.ToHtml(cell.Contents, Markdown)).Append("</section>\n");
                continue;
            }
            body.Append("<section class=\"cell code\">\n<div class=\"prompt\">In [")
                .Append(cell.ExecutionOrder > 0 ? cell.ExecutionOrder.ToString(CultureInfo.InvariantCulture) : " ").Append("]:</div>\n")
                .Append("<pre class=\"source\"><code class=\"language-csharp\">").Append(WebUtility.HtmlEncode(cell.Contents)).Append("</code></pre>\n");
            if (cell.Outputs.Count > 0)
            {
                body.Append("<div class=\"outputs\">\n");
                foreach (var output in cell.Outputs) drawsCharts |= AppendOutput(body, output);
                body.Append("</div>\n");
            }
            body.Append("</section>\n");
        }

        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(WebUtility.HtmlEncode(title ?? DefaultTitle(notebook))).Append("</title>\n")
            .Append("<style>\n").Append(Style).Append("\n</style>\n");
        if (drawsCharts) page.Append(PlotlyJs.ScriptElement()).Append('\n').Append(ChartImages.RequireShimElement()).Append('\n');
        page.Append("</head>\n<body>\n<main>\n").Append(body).Append("</main>\n</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>Writes <see cref="Render"/> to a file (UTF-8).</summary>
    public static void Write(InteractiveDocument notebook, string path, string? title = null) =>
        NotebookFile.WriteText(path, Render(notebook, title));

    /// <summary>Appends one output; returns whether it draws a Plotly chart.</summary>
    private static bool AppendOutput(StringBuilder body, InteractiveDocumentOutputElement output)
    {
        switch (output)
        {
            case TextElement stream:
                body.Append("<div class=\"output stream ").Append(stream.Name == "stderr" ? "stderr" : "stdout").Append("\"><pre>")
                    .Append(WebUtility.HtmlEncode(stream.Text)).Append("</pre></div>\n");
                return false;
            case ErrorElement error:
                body.Append("<div class=\"output error\"><pre>")
                    .Append(WebUtility.HtmlEncode($"{error.ErrorName}: {error.ErrorValue}"));
                var traceback = string.Join("\n", error.StackTrace.Select(l => AnsiEscape().Replace(l, "")));
                if (traceback.Length > 0 && traceback != error.ErrorValue) body.Append('\n').Append(WebUtility.HtmlEncode(traceback));
                body.Append("</pre></div>\n");
                return false;
            default:
                body.Append("<div class=\"output ").Append(output is ReturnValueElement ? "result" : "display").Append("\">");
                bool drawsChart = false;
                if (output.GetText("text/html") is { } html)
                {
                    drawsChart = ChartImages.DrawsChart(html);
                    body.Append(PlotlyJs.RemoveScriptElements(html));
                }
                else if (output.GetText("image/svg+xml") is { } svg) body.Append(svg);
                else if (output.GetText("image/png") is { } png) body.Append("<img alt=\"\" src=\"data:image/png;base64,").Append(png.Trim()).Append("\">");
                else if (output.GetText("image/jpeg") is { } jpeg) body.Append("<img alt=\"\" src=\"data:image/jpeg;base64,").Append(jpeg.Trim()).Append("\">");
                else if (output.GetText("text/markdown") is { } markdown) body.Append(Markdig.Markdown.ToHtml(markdown, Markdown));
                else if (output.GetText("text/plain") is { } text) body.Append("<pre>").Append(WebUtility.HtmlEncode(text)).Append("</pre>");
                else if (output.MimeData?.FirstOrDefault(p => p.Value is IDictionary<string, object>) is { Value: { } json })
                    body.Append("<pre>").Append(WebUtility.HtmlEncode(JsonSerializer.Serialize(json))).Append("</pre>");
                body.Append("</div>\n");
                return drawsChart;
        }
    }

    private static string DefaultTitle(InteractiveDocument notebook)
    {
        foreach (var cell in notebook.Elements.Where(c => c.IsMarkdown))
        {
            var heading = cell.Contents.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith('#'));
            if (heading is not null) return heading.TrimStart('#').Trim();
        }
        return "Notebook";
    }

    [GeneratedRegex(@"\x1b\[[0-9;]*[A-Za-z]")]
    private static partial Regex AnsiEscape();
}

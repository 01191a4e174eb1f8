using System.Net;
using NotebookExperiments.Display;

namespace NotebookExperiments.Reports;

/// <summary>The files a <see cref="ReproductionReport"/> wrote, and its summary.</summary>
/// <param name="Html">The offline HTML page.</param>
/// <param name="Markdown">The Markdown page.</param>
/// <param name="Figures">Each figure's Plotly JSON and standalone page.</param>
/// <param name="Summary">One line per analysis.</param>
public sealed record ReproductionReportFiles(string Html, string Markdown, IReadOnlyList<string> Figures, IReadOnlyList<string> Summary)
{
    /// <summary>The paths and the summary as HTML for a notebook: links to both pages and one line per analysis.</summary>
    public HtmlText ToHtmlText() => new(
        $"<div><b>Reproduction report</b>: <a href=\"{WebUtility.HtmlEncode(new Uri(Html).AbsoluteUri)}\" target=\"_blank\">{WebUtility.HtmlEncode(Html)}</a>" +
        $" and <a href=\"{WebUtility.HtmlEncode(new Uri(Markdown).AbsoluteUri)}\" target=\"_blank\">{WebUtility.HtmlEncode(Markdown)}</a><ul>" +
        string.Concat(Summary.Select(s => $"<li>{WebUtility.HtmlEncode(s)}</li>")) + "</ul></div>");

    /// <inheritdoc />
    public override string ToString() => $"{Html}\n{Markdown}\n{string.Join("\n", Summary)}";
}

using NotebookExperiments.Notebooks;
using NotebookExperiments.Notebooks.Rendering;
using NotebookExperiments.Reports;

namespace NotebookExperiments.Tests.Notebooks;

[Collection(NotebookRunnerCollection.Name)]
public class NotebookHtmlReportTests(NotebookRunnerFixture fixture)
{
    private static int Count(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;

    [Fact]
    public async Task MarkdownCodeAndOutputsAreRendered()
    {
        var html = NotebookHtmlReport.Render((await fixture.RunSampleAsync("hello.ipynb")).Notebook);

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<title>Hello</title>", html);
        Assert.Contains("<h1 id=\"hello\">Hello</h1>", html);
        Assert.Contains("<p>A <em>small</em> notebook with <code>code</code>, a list:</p>", html);
        Assert.Contains("<li>one</li>", html);
        Assert.Contains("<div class=\"prompt\">In [3]:</div>", html);
        Assert.Contains("#r &quot;nuget: Plotly.NET, 6.0.0&quot;", html);
        Assert.Contains("<pre>hello from cell 2\n</pre>", html);
        Assert.Contains("<div class=\"output stream stderr\"><pre>a warning\n", html);
        Assert.Contains("<b>updated</b>", html);
        Assert.DoesNotContain(PlotlyJs.MarkerAttribute, html);
    }

    [Fact]
    public async Task TheKernelsChartsShareOneEmbeddedPlotlyJsAndNothingComesFromTheNetwork()
    {
        var html = NotebookHtmlReport.Render((await fixture.RunSampleAsync("chart.ipynb")).Notebook);

        Assert.Equal(1, Count(html, PlotlyJs.MarkerAttribute));
        Assert.True(html.IndexOf(PlotlyJs.MarkerAttribute, StringComparison.Ordinal) < html.IndexOf("<body>", StringComparison.Ordinal));
        Assert.Equal(2, Count(PlotlyJs.RemoveScriptElements(html), "Plotly.newPlot"));
        // The kernel's chart outputs ask RequireJS for plotly.js (and load RequireJS from a CDN when a page has none); the
        // page defines a RequireJS stand-in after the embedded plotly.js, so nothing is fetched.
        Assert.True(html.IndexOf("window.requirejs = load", StringComparison.Ordinal) > html.IndexOf(PlotlyJs.MarkerAttribute, StringComparison.Ordinal));
        Assert.True(html.IndexOf("window.requirejs = load", StringComparison.Ordinal) < html.IndexOf("<body>", StringComparison.Ordinal));
        Assert.DoesNotContain("<script src", html);
    }

    [Fact]
    public async Task ErrorsAreShownWithTheirMessage()
    {
        var html = NotebookHtmlReport.Render((await fixture.RunSampleAsync("failing.ipynb")).Notebook);
        Assert.Contains("<div class=\"output error\"><pre>System.InvalidOperationException: boom in the fourth cell", html);
    }
}

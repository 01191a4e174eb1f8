using NotebookExperiments.Notebooks.Rendering;

namespace NotebookExperiments.Notebooks.Running;

/// <summary>
/// What the notebook kernel gives every cell besides C# itself, as the runner provides it: <c>display(…)</c> and
/// <c>HTML(…)</c>. A cell calls them unqualified, as in Polyglot Notebooks.
/// </summary>
/// <remarks>Public because Roslyn scripting compiles cells against this type; notebooks do not create it.</remarks>
public sealed class NotebookGlobals
{
    internal CellOutputCollector? Collector { get; set; }

    /// <summary>Shows a value as an output of the current cell; with <paramref name="mimeTypes"/>, only in those MIME types.</summary>
    /// <returns>A handle whose <see cref="DisplayedValue.Update"/> replaces the shown value.</returns>
    public DisplayedValue display(object? value, params string[] mimeTypes)
    {
        var collector = Collector ?? throw new InvalidOperationException("display(…) was called outside a running cell.");
        var output = collector.Display(value, mimeTypes);
        return new DisplayedValue(output, collector.Formatter, mimeTypes);
    }

    /// <summary>Markup to show as HTML: <c>display(HTML("&lt;b&gt;bold&lt;/b&gt;"))</c>, or as a cell's last expression.</summary>
    public HtmlString HTML(string html) => new(html);
}

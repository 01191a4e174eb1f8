namespace NotebookExperiments.Notebooks.Rendering;

/// <summary>Markup to show as <c>text/html</c> as it is, as returned by a notebook's <c>HTML("…")</c>.</summary>
/// <param name="Html">The markup.</param>
public sealed record HtmlString(string Html)
{
    /// <inheritdoc />
    public override string ToString() => Html;
}

namespace NotebookExperiments.Notebooks.Rendering;

/// <summary>The charts of a notebook could not be drawn as images; the message says why (and how to get Chromium when it is missing).</summary>
internal sealed class ChartRenderingException(string message) : NotebookException(message);

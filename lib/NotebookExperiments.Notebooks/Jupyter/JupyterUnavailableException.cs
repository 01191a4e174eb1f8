namespace NotebookExperiments.Notebooks.Jupyter;

/// <summary>The kernel tool or Jupyter's executor is not installed; the message says how to get it.</summary>
internal sealed class JupyterUnavailableException(string message) : NotebookException(message);

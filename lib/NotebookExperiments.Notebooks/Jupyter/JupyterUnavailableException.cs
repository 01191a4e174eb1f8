namespace NotebookExperiments.Notebooks.Jupyter;

/// <summary>The kernel tool or Jupyter's executor is not installed; the message says how to get it.</summary>
internal sealed class JupyterUnavailableException : NotebookException
{
    /// <summary>Creates the exception with the reason and the remedy.</summary>
    public JupyterUnavailableException(string message) : base(message) { }
}

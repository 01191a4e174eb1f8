namespace NotebookExperiments.Notebooks.Parameters;

/// <summary>An override that cannot be injected: an unknown name, a value not of the declared type, or no parameters cell.</summary>
internal sealed class NotebookParameterException(string message) : NotebookException(message);

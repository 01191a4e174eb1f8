namespace NotebookExperiments.Notebooks;

/// <summary>
/// A problem with a notebook that its author or the person running it can fix: a bad pin, an unsupported magic
/// command, a parameter of the wrong type. The message names the cell (1-based among all cells) where it applies.
/// </summary>
internal class NotebookException(string message) : Exception(message);

namespace NotebookExperiments.Notebooks;

/// <summary>
/// A problem with a notebook that its author or the person running it can fix: a bad pin, an unsupported magic
/// command, a parameter of the wrong type. The message names the cell (1-based among all cells) where it applies.
/// </summary>
internal class NotebookException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public NotebookException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public NotebookException(string message, Exception inner) : base(message, inner) { }
}

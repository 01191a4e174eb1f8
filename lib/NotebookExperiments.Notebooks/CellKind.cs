namespace NotebookExperiments.Notebooks;

/// <summary>The <c>cell_type</c> of an nbformat 4 cell.</summary>
public enum CellKind
{
    /// <summary><c>markdown</c>: prose, rendered, never executed.</summary>
    Markdown,

    /// <summary><c>code</c>: source the kernel (or <see cref="Running.NotebookRunner"/>) executes, with outputs.</summary>
    Code,

    /// <summary><c>raw</c>: text passed through untouched.</summary>
    Raw,
}

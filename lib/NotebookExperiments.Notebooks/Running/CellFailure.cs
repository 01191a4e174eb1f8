namespace NotebookExperiments.Notebooks.Running;

/// <summary>Why a run stopped: the cell, the error's type name, and its message (compiler diagnostics with cell-relative lines).</summary>
/// <param name="Cell">The cell that failed.</param>
/// <param name="ErrorName">The exception type, or <c>CompilationError</c>.</param>
/// <param name="Message">The exception's message, or the compiler's errors as <c>(line,column): error CSxxxx: …</c>.</param>
internal sealed record CellFailure(CellReference Cell, string ErrorName, string Message)
{
    /// <summary>Whether the cell did not compile (rather than threw).</summary>
    public bool IsCompilationError => ErrorName == NotebookRunner.CompilationErrorName;

    /// <summary>One line for people: which cell (1-based, counting all cells), and what happened.</summary>
    public override string ToString() =>
        $"{Cell} (1-based, counting all cells) {(IsCompilationError ? "does not compile" : $"threw {ErrorName}")}: {Message}";
}

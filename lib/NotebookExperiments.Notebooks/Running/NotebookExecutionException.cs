namespace NotebookExperiments.Notebooks.Running;

/// <summary>A cell failed; thrown by <see cref="NotebookRunResult.EnsureSucceeded"/>.</summary>
internal sealed class NotebookExecutionException(CellFailure failure) : NotebookException(failure.ToString())
{
    /// <summary>The failed cell and its error.</summary>
    public CellFailure Failure { get; } = failure;
}

namespace NotebookExperiments.Notebooks.Running;

/// <summary>A code cell starting or finishing, as reported to <see cref="NotebookRunOptions.Progress"/>.</summary>
/// <param name="Stage">Started, succeeded or failed.</param>
/// <param name="Cell">Which cell, numbered as in the notebook given to the runner.</param>
/// <param name="Ordinal">The position of the cell among the code cells that run, 1-based.</param>
/// <param name="CodeCellCount">How many code cells the run has (an injected-parameters cell included).</param>
/// <param name="FirstLine">The first non-blank line of the cell's source, for a progress display.</param>
/// <param name="Elapsed">Time spent in the cell (zero at <see cref="CellProgressStage.Started"/>).</param>
internal sealed record CellProgress(CellProgressStage Stage, CellReference Cell, int Ordinal, int CodeCellCount, string FirstLine, TimeSpan Elapsed);

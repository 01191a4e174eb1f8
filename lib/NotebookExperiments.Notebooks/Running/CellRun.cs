namespace NotebookExperiments.Notebooks.Running;

/// <summary>One code cell that ran: which, its execution count, and how long it took.</summary>
/// <param name="Cell">The cell.</param>
/// <param name="ExecutionCount">Its <c>execution_count</c> in the executed notebook.</param>
/// <param name="Elapsed">Compilation and execution time.</param>
/// <param name="Succeeded">Whether it ran to its end.</param>
internal sealed record CellRun(CellReference Cell, int ExecutionCount, TimeSpan Elapsed, bool Succeeded);

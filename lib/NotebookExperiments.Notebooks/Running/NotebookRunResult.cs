using Microsoft.DotNet.Interactive.Documents;
using NotebookExperiments.Notebooks.Parameters;

namespace NotebookExperiments.Notebooks.Running;

/// <summary>
/// The outcome of running a notebook: the executed notebook (outputs, execution counts, the injected-parameters cell),
/// the failure that stopped it if any, how many code cells ran, and the final values of the notebook's variables (read from the
/// kernel when the run ended).
/// </summary>
internal sealed class NotebookRunResult(InteractiveDocument executed, CellFailure? failure, int cellsRun,
    IReadOnlyList<InjectedParameter> parameters, TimeSpan elapsed, IReadOnlyDictionary<string, object?> variables)
{
    /// <summary>The executed notebook, ready for <see cref="NotebookFile.Write"/> or <see cref="Rendering.NotebookHtmlReport"/>.</summary>
    public InteractiveDocument Notebook { get; } = executed;

    /// <summary>The failure that stopped the run, or null when every cell ran.</summary>
    public CellFailure? Failure { get; } = failure;

    /// <summary>Whether every code cell ran to its end.</summary>
    public bool Succeeded => Failure is null;

    /// <summary>How many code cells ran (the failed one included); each one's time is reported to <see cref="NotebookRunOptions.Progress"/>.</summary>
    public int CellsRun { get; } = cellsRun;

    /// <summary>The parameter overrides injected, with their typed values.</summary>
    public IReadOnlyList<InjectedParameter> Parameters { get; } = parameters;

    /// <summary>Wall-clock time of the run, validation included.</summary>
    public TimeSpan Elapsed { get; } = elapsed;

    /// <summary>The final value of a notebook variable.</summary>
    /// <exception cref="KeyNotFoundException">No cell declared it.</exception>
    public object? GetVariable(string name) =>
        variables.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"The notebook declares no variable '{name}'.");

    /// <summary>The final value of a notebook variable, as <typeparamref name="T"/>.</summary>
    public T GetVariable<T>(string name) => (T)GetVariable(name)!;

    /// <summary>Throws <see cref="NotebookExecutionException"/> when a cell failed.</summary>
    public NotebookRunResult EnsureSucceeded() => Failure is null ? this : throw new NotebookExecutionException(Failure);
}

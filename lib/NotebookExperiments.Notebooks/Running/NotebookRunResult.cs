using Microsoft.DotNet.Interactive.Documents;
using NotebookExperiments.Notebooks.Parameters;

namespace NotebookExperiments.Notebooks.Running;

/// <summary>
/// The outcome of running a notebook: the executed notebook (outputs, execution counts, the injected-parameters cell),
/// the failure that stopped it if any, per-cell timings, and the final values of the notebook's variables (read from the
/// kernel when the run ended).
/// </summary>
internal sealed class NotebookRunResult
{
    private readonly IReadOnlyDictionary<string, object?> _variables;

    internal NotebookRunResult(InteractiveDocument executed, CellFailure? failure, IReadOnlyList<CellRun> cells, IReadOnlyList<InjectedParameter> parameters, TimeSpan elapsed, IReadOnlyDictionary<string, object?> variables)
    {
        Notebook = executed;
        Failure = failure;
        Cells = cells;
        Parameters = parameters;
        Elapsed = elapsed;
        _variables = variables;
    }

    /// <summary>The executed notebook, ready for <see cref="NotebookFile.Write"/> or <see cref="Rendering.NotebookHtmlReport"/>.</summary>
    public InteractiveDocument Notebook { get; }

    /// <summary>The failure that stopped the run, or null when every cell ran.</summary>
    public CellFailure? Failure { get; }

    /// <summary>Whether every code cell ran to its end.</summary>
    public bool Succeeded => Failure is null;

    /// <summary>The code cells that ran, in order (the failed one last).</summary>
    public IReadOnlyList<CellRun> Cells { get; }

    /// <summary>The parameter overrides injected, with their typed values.</summary>
    public IReadOnlyList<InjectedParameter> Parameters { get; }

    /// <summary>Wall-clock time of the run, validation included.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The final value of a notebook variable.</summary>
    /// <exception cref="KeyNotFoundException">No cell declared it.</exception>
    public object? GetVariable(string name) =>
        _variables.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"The notebook declares no variable '{name}'.");

    /// <summary>The final value of a notebook variable, as <typeparamref name="T"/>.</summary>
    public T GetVariable<T>(string name) => (T)GetVariable(name)!;

    /// <summary>Throws <see cref="NotebookExecutionException"/> when a cell failed.</summary>
    public NotebookRunResult EnsureSucceeded() => Failure is null ? this : throw new NotebookExecutionException(Failure);
}

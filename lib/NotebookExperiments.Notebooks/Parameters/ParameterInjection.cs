using Microsoft.DotNet.Interactive.Documents;

namespace NotebookExperiments.Notebooks.Parameters;

/// <summary>
/// Papermill's parameter semantics, typed: overrides given as <c>name=value</c> are checked against the declarations
/// of the cell tagged <c>parameters</c>, converted to the declared types, and written as typed declarations into a code
/// cell tagged <c>injected-parameters</c> right after it (an existing injected cell is replaced in place). C# scripting
/// lets a later declaration shadow an earlier one, so the rest of the notebook sees the overrides. The values are
/// also recorded in the notebook metadata under <c>papermill.parameters</c>.
/// </summary>
internal static class ParameterInjection
{
    /// <summary>The tag of the cell the runner inserts.</summary>
    public const string InjectedTag = "injected-parameters";

    /// <summary>Splits <c>name=value</c> arguments (at the first <c>=</c>; the value may be empty).</summary>
    /// <exception cref="NotebookParameterException">An argument has no <c>=</c> or no name, or a name repeats.</exception>
    public static IReadOnlyDictionary<string, string> ParseAssignments(IEnumerable<string> assignments)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var assignment in assignments)
        {
            int eq = assignment.IndexOf('=');
            if (eq <= 0) throw new NotebookParameterException($"Parameter override '{assignment}' is not of the form name=value.");
            var name = assignment[..eq].Trim();
            if (!result.TryAdd(name, assignment[(eq + 1)..]))
                throw new NotebookParameterException($"Parameter '{name}' is given more than once.");
        }
        return result;
    }

    /// <summary>Converts overrides to the declared types without changing the notebook.</summary>
    /// <exception cref="NotebookParameterException">No parameters cell, an unknown name, or a value not of the declared type.</exception>
    public static IReadOnlyList<InjectedParameter> Convert(InteractiveDocument notebook, IReadOnlyDictionary<string, string> values)
    {
        if (values.Count == 0) return [];
        var found = ParametersCell.Find(notebook)
            ?? throw new NotebookParameterException(
                $"The notebook has no cell tagged '{ParametersCell.Tag}', so it takes no parameters (given: {string.Join(", ", values.Keys)}).");
        var (cellIndex, declarations) = found;
        var injected = new List<InjectedParameter>();
        foreach (var (name, text) in values)
        {
            var declaration = declarations.FirstOrDefault(d => d.Name == name)
                ?? throw new NotebookParameterException(
                    $"Unknown parameter '{name}': the parameters cell (cell {cellIndex + 1}) declares " +
                    (declarations.Count == 0 ? "nothing." : string.Join(", ", declarations.Select(d => $"{d.Name} ({d.DisplayType})")) + "."));
            if (declaration.Type is null)
                throw new NotebookParameterException(
                    $"Parameter '{name}' is declared as {declaration.TypeName}, which cannot be set from the command line " +
                    "(supported: int, long, double, float, decimal, bool, string and one-dimensional arrays of them).");
            if (!declaration.Type.TryConvert(text, out var value))
                throw new NotebookParameterException(
                    $"Parameter '{name}' is declared as {declaration.Type.CSharpName}; the value '{text}' is not " +
                    (declaration.Type.IsArray ? "a comma-separated list of valid items" : "valid for that type") +
                    " (numbers in the invariant culture, e.g. 0.5 or 1e-3; bool as true or false).");
            injected.Add(new InjectedParameter(declaration, text, value));
        }
        return injected;
    }

    /// <summary>
    /// Injects overrides into a notebook (in place): converts them (<see cref="Convert"/>), puts their declarations into
    /// the <c>injected-parameters</c> cell and records them in <c>metadata.papermill.parameters</c>. With no overrides the
    /// notebook is left as it is.
    /// </summary>
    /// <returns>The 0-based index of the injected cell (null when nothing was injected) and the converted values.</returns>
    /// <exception cref="NotebookParameterException">As <see cref="Convert"/>.</exception>
    public static (int? CellIndex, IReadOnlyList<InjectedParameter> Values) Inject(InteractiveDocument notebook, IReadOnlyDictionary<string, string> values)
    {
        var injected = Convert(notebook, values);
        if (injected.Count == 0) return (null, injected);

        var source = "// Parameters injected by the notebook runner.\n" + string.Join("\n", injected.Select(p => p.CSharpDeclaration));
        var cell = NotebookDocument.CodeCell(source, InjectedTag);
        int existing = notebook.IndexOfTag(InjectedTag);
        int index;
        if (existing >= 0)
        {
            notebook.Elements[existing] = cell;
            index = existing;
        }
        else
        {
            index = notebook.IndexOfTag(ParametersCell.Tag) + 1;
            notebook.Elements.Insert(index, cell);
        }

        if (!notebook.Metadata.TryGetValue("papermill", out var found) || found is not IDictionary<string, object> papermill)
            notebook.Metadata["papermill"] = papermill = new Dictionary<string, object>();
        var recorded = new Dictionary<string, object>();
        foreach (var p in injected) recorded[p.Declaration.Name] = p.Declaration.Type!.ToJson(p.Value)!;
        papermill["parameters"] = recorded;
        return (index, injected);
    }
}

using Microsoft.DotNet.Interactive.Documents;

namespace NotebookExperiments.Notebooks;

/// <summary>
/// The metadata that makes an <c>.ipynb</c> a C# notebook for Polyglot Notebooks, Jupyter's .NET kernel and Verso, as VS Code
/// writes it: the <c>.net-csharp</c> kernelspec, <c>language_info.name = "polyglot-notebook"</c> (the smallest VS Code diffs)
/// and the <c>polyglot_notebook.kernelInfo</c> block. (The library's <c>WithJupyterMetadata</c> writes a C# <c>language_info</c>
/// instead, as Jupyter's kernel does, and its <see cref="InteractiveDocument.GetDefaultKernelName()"/> does not read
/// <c>polyglot_notebook.kernelInfo</c> as VS Code writes it; hence this.)
/// </summary>
internal static class DotNetNotebookMetadata
{
    /// <summary>The C# kernel's name in cell and notebook metadata.</summary>
    public const string CSharpKernelName = "csharp";

    /// <summary>The kernelspec name of the .NET C# kernel.</summary>
    public const string CSharpKernelspecName = ".net-csharp";

    /// <summary>Fresh notebook-level metadata for a C# notebook.</summary>
    public static Dictionary<string, object> NotebookMetadata() => new()
    {
        ["kernelspec"] = new Dictionary<string, object>
        {
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
            ["name"] = CSharpKernelspecName,
        },
        ["language_info"] = new Dictionary<string, object> { ["name"] = "polyglot-notebook" },
        ["polyglot_notebook"] = new Dictionary<string, object>
        {
            ["kernelInfo"] = new Dictionary<string, object>
            {
                ["defaultKernelName"] = CSharpKernelName,
                ["items"] = new object[]
                {
                    new Dictionary<string, object> { ["aliases"] = Array.Empty<object>(), ["languageName"] = "C#", ["name"] = CSharpKernelName },
                },
            },
        },
    };

    /// <summary>
    /// The notebook's default kernel: <c>polyglot_notebook.kernelInfo.defaultKernelName</c>, else the suffix of a
    /// <c>.net-</c> kernelspec name (as Polyglot Notebooks decides); null when the notebook is not a .NET notebook.
    /// </summary>
    public static string? DefaultKernelName(InteractiveDocument notebook)
    {
        if (notebook.Metadata.Lookup("polyglot_notebook", "kernelInfo", "defaultKernelName") is string name) return name;
        return notebook.Metadata.Lookup("kernelspec", "name") is string spec && spec.StartsWith(".net-", StringComparison.Ordinal)
            ? spec[".net-".Length..]
            : null;
    }

    /// <summary>Whether a kernel name means C# (<c>csharp</c>, or <c>C#</c> as some older files write it).</summary>
    public static bool IsCSharp(string? kernelName) =>
        kernelName is not null && (kernelName.Equals(CSharpKernelName, StringComparison.OrdinalIgnoreCase) || kernelName.Equals("C#", StringComparison.OrdinalIgnoreCase));

    /// <summary>The value at a path of nested metadata dictionaries, or null.</summary>
    internal static object? Lookup(this IDictionary<string, object>? metadata, params string[] path)
    {
        object? node = metadata;
        foreach (var key in path)
            node = node is IDictionary<string, object> dictionary && dictionary.TryGetValue(key, out var value) ? value : null;
        return node;
    }
}

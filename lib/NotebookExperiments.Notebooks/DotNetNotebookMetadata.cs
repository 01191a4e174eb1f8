using System.Text.Json.Nodes;

namespace NotebookExperiments.Notebooks;

/// <summary>
/// The metadata that makes an <c>.ipynb</c> a C# notebook for Polyglot Notebooks, Jupyter's .NET kernel and Verso:
/// the <c>.net-csharp</c> kernelspec, <c>language_info.name = "polyglot-notebook"</c> (the smallest VS Code diffs),
/// the <c>polyglot_notebook.kernelInfo</c> block, and per code cell both kernel keys Polyglot writes
/// (<c>dotnet_interactive.language</c> and <c>polyglot_notebook.kernelName</c>).
/// </summary>
public static class DotNetNotebookMetadata
{
    /// <summary>The C# kernel's name in cell and notebook metadata.</summary>
    public const string CSharpKernelName = "csharp";

    /// <summary>The kernelspec name of the .NET C# kernel.</summary>
    public const string CSharpKernelspecName = ".net-csharp";

    /// <summary>Fresh notebook-level metadata for a C# notebook.</summary>
    public static JsonObject NotebookMetadata() => new()
    {
        ["kernelspec"] = new JsonObject
        {
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
            ["name"] = CSharpKernelspecName,
        },
        ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
        ["polyglot_notebook"] = new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = CSharpKernelName,
                ["items"] = new JsonArray(new JsonObject
                {
                    ["aliases"] = new JsonArray(),
                    ["languageName"] = "C#",
                    ["name"] = CSharpKernelName,
                }),
            },
        },
    };

    /// <summary>Fresh metadata for a C# code cell.</summary>
    public static JsonObject CodeCellMetadata() => new()
    {
        ["dotnet_interactive"] = new JsonObject { ["language"] = CSharpKernelName },
        ["polyglot_notebook"] = new JsonObject { ["kernelName"] = CSharpKernelName },
    };

    /// <summary>
    /// The notebook's default kernel: <c>polyglot_notebook.kernelInfo.defaultKernelName</c>, else the suffix of a
    /// <c>.net-</c> kernelspec name (as Polyglot Notebooks decides); null when the notebook is not a .NET notebook.
    /// </summary>
    public static string? DefaultKernelName(Notebook notebook)
    {
        var fromKernelInfo = ((notebook.Metadata["polyglot_notebook"] as JsonObject)?["kernelInfo"] as JsonObject)?["defaultKernelName"];
        if (fromKernelInfo is JsonValue v && v.TryGetValue<string>(out var name)) return name;
        var spec = (notebook.Metadata["kernelspec"] as JsonObject)?["name"];
        if (spec is JsonValue s && s.TryGetValue<string>(out var specName) && specName.StartsWith(".net-", StringComparison.Ordinal))
            return specName[".net-".Length..];
        return null;
    }

    /// <summary>The kernel a code cell runs in: its own <see cref="NotebookCell.KernelName"/>, else the notebook's default.</summary>
    public static string? KernelOf(Notebook notebook, NotebookCell cell) => cell.KernelName ?? DefaultKernelName(notebook);

    /// <summary>Whether a kernel name means C# (<c>csharp</c>, or <c>C#</c> as some older files write it).</summary>
    public static bool IsCSharp(string? kernelName) =>
        kernelName is not null && (kernelName.Equals(CSharpKernelName, StringComparison.OrdinalIgnoreCase) || kernelName.Equals("C#", StringComparison.OrdinalIgnoreCase));
}

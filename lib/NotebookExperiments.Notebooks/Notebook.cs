using System.Text.Json.Nodes;

namespace NotebookExperiments.Notebooks;

/// <summary>
/// An nbformat 4 notebook in memory: cells and notebook metadata. Read and write it with <see cref="NotebookFile"/>;
/// build one in code with <see cref="CreateCSharp"/> and <see cref="Add"/>.
/// </summary>
public sealed class Notebook
{
    /// <summary><c>nbformat</c>: the major format version (4).</summary>
    public int FormatVersion { get; set; } = 4;

    /// <summary>
    /// <c>nbformat_minor</c>. Notebooks made here use 4: version 4.5 requires a cell <c>id</c>, and ids generated
    /// afresh would change on every regeneration.
    /// </summary>
    public int FormatMinorVersion { get; set; } = 4;

    /// <summary>The notebook's <c>metadata</c> (kernelspec, language_info, polyglot_notebook, papermill, …).</summary>
    public JsonObject Metadata { get; set; } = [];

    /// <summary>The cells, in order.</summary>
    public List<NotebookCell> Cells { get; } = [];

    /// <summary>Top-level properties of the file that this model does not interpret (kept for round trips).</summary>
    public JsonObject ExtraProperties { get; set; } = [];

    /// <summary>An empty C# notebook with the standard .NET metadata (<see cref="DotNetNotebookMetadata.NotebookMetadata"/>).</summary>
    public static Notebook CreateCSharp() => new() { Metadata = DotNetNotebookMetadata.NotebookMetadata() };

    /// <summary>Appends a cell and returns this notebook, for building notebooks in code.</summary>
    public Notebook Add(NotebookCell cell)
    {
        Cells.Add(cell);
        return this;
    }

    /// <summary>Appends a markdown cell.</summary>
    public Notebook AddMarkdown(string source) => Add(NotebookCell.Markdown(source));

    /// <summary>Appends a C# code cell with optional tags.</summary>
    public Notebook AddCode(string source, params string[] tags) => Add(NotebookCell.Code(source, tags));

    /// <summary>The 0-based index of the first cell carrying <paramref name="tag"/>, or -1.</summary>
    public int IndexOfTag(string tag) => Cells.FindIndex(c => c.HasTag(tag));

    /// <summary>Removes every output and execution count, as before a fresh run.</summary>
    public void ClearOutputs()
    {
        foreach (var cell in Cells)
        {
            cell.Outputs.Clear();
            cell.ExecutionCount = null;
        }
    }

    /// <summary>A deep copy.</summary>
    public Notebook Clone()
    {
        var copy = new Notebook
        {
            FormatVersion = FormatVersion,
            FormatMinorVersion = FormatMinorVersion,
            Metadata = (JsonObject)Metadata.DeepClone(),
            ExtraProperties = (JsonObject)ExtraProperties.DeepClone(),
        };
        copy.Cells.AddRange(Cells.Select(c => c.Clone()));
        return copy;
    }
}

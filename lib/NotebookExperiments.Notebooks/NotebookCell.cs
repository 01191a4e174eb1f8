using System.Text.Json.Nodes;

namespace NotebookExperiments.Notebooks;

/// <summary>One cell of a notebook: its kind, its source, its metadata (with <c>tags</c>) and, for code, its outputs.</summary>
public sealed class NotebookCell
{
    /// <summary>Creates a cell of a kind with its source; metadata and outputs start empty.</summary>
    public NotebookCell(CellKind kind, string source)
    {
        Kind = kind;
        Source = source;
    }

    /// <summary>The cell's <c>cell_type</c>.</summary>
    public CellKind Kind { get; }

    /// <summary>The cell's source, lines joined with <c>\n</c>.</summary>
    public string Source { get; set; }

    /// <summary>The cell's <c>metadata</c> (tags, kernel name, anything a front-end stores).</summary>
    public JsonObject Metadata { get; set; } = [];

    /// <summary>The cell's <c>id</c> (nbformat 4.5), or null when the file has none.</summary>
    public string? Id { get; set; }

    /// <summary>For code cells: <c>execution_count</c>, null when not executed.</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>For code cells: the outputs, in order.</summary>
    public List<CellOutput> Outputs { get; } = [];

    /// <summary>Properties of the cell's JSON that this model does not interpret, such as <c>attachments</c>.</summary>
    public JsonObject ExtraProperties { get; set; } = [];

    /// <summary>The cell's tags (<c>metadata.tags</c>), in order.</summary>
    public IReadOnlyList<string> Tags =>
        Metadata["tags"] is JsonArray tags ? tags.Select(t => t?.GetValue<string>() ?? "").ToList() : [];

    /// <summary>Whether <c>metadata.tags</c> contains <paramref name="tag"/>.</summary>
    public bool HasTag(string tag) => Tags.Contains(tag, StringComparer.Ordinal);

    /// <summary>Adds a tag to <c>metadata.tags</c> unless present.</summary>
    public void AddTag(string tag)
    {
        if (HasTag(tag)) return;
        if (Metadata["tags"] is not JsonArray tags) Metadata["tags"] = tags = [];
        tags.Add(tag);
    }

    /// <summary>
    /// The kernel this cell names in its metadata: <c>polyglot_notebook.kernelName</c>, else
    /// <c>dotnet_interactive.language</c> (the order Polyglot Notebooks reads them in); null when it names none.
    /// </summary>
    public string? KernelName =>
        (Metadata["polyglot_notebook"] as JsonObject)?["kernelName"]?.GetValue<string>()
        ?? (Metadata["dotnet_interactive"] as JsonObject)?["language"]?.GetValue<string>();

    /// <summary>A C# code cell with the per-cell metadata Polyglot Notebooks writes (see <see cref="DotNetNotebookMetadata"/>).</summary>
    /// <param name="source">The code.</param>
    /// <param name="tags">Tags for <c>metadata.tags</c>, such as <c>parameters</c>.</param>
    public static NotebookCell Code(string source, params string[] tags)
    {
        var cell = new NotebookCell(CellKind.Code, source) { Metadata = DotNetNotebookMetadata.CodeCellMetadata() };
        foreach (var tag in tags) cell.AddTag(tag);
        return cell;
    }

    /// <summary>A markdown cell.</summary>
    public static NotebookCell Markdown(string source) => new(CellKind.Markdown, source);

    /// <summary>A deep copy.</summary>
    public NotebookCell Clone()
    {
        var copy = new NotebookCell(Kind, Source)
        {
            Metadata = (JsonObject)Metadata.DeepClone(),
            Id = Id,
            ExecutionCount = ExecutionCount,
            ExtraProperties = (JsonObject)ExtraProperties.DeepClone(),
        };
        copy.Outputs.AddRange(Outputs.Select(o => o.Clone()));
        return copy;
    }
}

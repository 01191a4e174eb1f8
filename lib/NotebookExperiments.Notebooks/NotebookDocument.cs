using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace NotebookExperiments.Notebooks;

/// <summary>
/// What the runner, the executed copies and the reports ask of .NET Interactive's notebook model (<see cref="InteractiveDocument"/>,
/// its cells <see cref="InteractiveDocumentElement"/> and outputs <see cref="InteractiveDocumentOutputElement"/>) that the
/// library does not offer: building a C# notebook in code, cell tags (<c>metadata.tags</c>, papermill's convention), a copy,
/// and the text of an output's MIME bundle.
/// </summary>
/// <remarks>
/// In the model a markdown cell is a cell whose <see cref="InteractiveDocumentElement.KernelName"/> is <c>markdown</c>, every
/// other cell is code; an <see cref="InteractiveDocumentElement.ExecutionOrder"/> of 0 is <c>"execution_count": null</c>; the
/// outputs are <see cref="TextElement"/> (<c>stream</c>), <see cref="DisplayElement"/> (<c>display_data</c>),
/// <see cref="ReturnValueElement"/> (<c>execute_result</c>) and <see cref="ErrorElement"/> (<c>error</c>); metadata is nested
/// dictionaries, lists and scalars.
/// </remarks>
internal static class NotebookDocument
{
    /// <summary>The kernel name the model gives markdown cells.</summary>
    public const string MarkdownKernelName = "markdown";

    /// <summary>The <c>metadata</c> key of a cell's tags.</summary>
    public const string TagsKey = "tags";

    /// <summary>A C# code cell with the per-cell metadata Polyglot Notebooks writes (both kernel keys), and optional tags.</summary>
    /// <param name="source">The code.</param>
    /// <param name="tags">Tags for <c>metadata.tags</c>, such as <c>parameters</c>.</param>
    public static InteractiveDocumentElement CodeCell(string source, params string[] tags)
    {
        var cell = new InteractiveDocumentElement(source, DotNetNotebookMetadata.CSharpKernelName)
        {
            Metadata = new Dictionary<string, object>
            {
                ["dotnet_interactive"] = new Dictionary<string, object> { ["language"] = DotNetNotebookMetadata.CSharpKernelName },
                ["polyglot_notebook"] = new Dictionary<string, object> { ["kernelName"] = DotNetNotebookMetadata.CSharpKernelName },
            },
        };
        if (tags.Length > 0) cell.Metadata[TagsKey] = tags.Distinct(StringComparer.Ordinal).ToArray<object>();
        return cell;
    }

    extension(InteractiveDocument notebook)
    {
        /// <summary>An empty C# notebook with the standard .NET metadata (<see cref="DotNetNotebookMetadata.NotebookMetadata"/>).</summary>
        public static InteractiveDocument CreateCSharp()
        {
            var created = new InteractiveDocument();
            foreach (var (key, value) in DotNetNotebookMetadata.NotebookMetadata()) created.Metadata[key] = value;
            return created;
        }

        /// <summary>Appends a markdown cell and returns this notebook, for building notebooks in code.</summary>
        public InteractiveDocument AddMarkdown(string source)
        {
            notebook.Add(new InteractiveDocumentElement(source, MarkdownKernelName) { Metadata = new Dictionary<string, object>() });
            return notebook;
        }

        /// <summary>Appends a C# code cell with optional tags (<see cref="CodeCell"/>) and returns this notebook.</summary>
        public InteractiveDocument AddCode(string source, params string[] tags)
        {
            notebook.Add(CodeCell(source, tags));
            return notebook;
        }

        /// <summary>The 0-based index of the first cell carrying <paramref name="tag"/>, or -1.</summary>
        public int IndexOfTag(string tag)
        {
            for (int i = 0; i < notebook.Elements.Count; i++)
                if (notebook.Elements[i].HasTag(tag)) return i;
            return -1;
        }

        /// <summary>Removes every output and execution count, as before a fresh run.</summary>
        public void ClearOutputs()
        {
            foreach (var cell in notebook.Elements)
            {
                cell.Outputs.Clear();
                cell.ExecutionOrder = 0;
            }
        }

        /// <summary>A deep copy (written and read back by the library's Jupyter converter).</summary>
        public InteractiveDocument Clone() => Notebook.Parse(notebook.ToJupyterJson());
    }

    extension(InteractiveDocumentElement cell)
    {
        /// <summary>Whether this is a markdown cell (else it is code).</summary>
        public bool IsMarkdown => cell.KernelName == MarkdownKernelName;

        /// <summary>The cell's tags (<c>metadata.tags</c>), in order.</summary>
        public IReadOnlyList<string> Tags =>
            cell.Metadata is { } metadata && metadata.TryGetValue(TagsKey, out var tags) && tags is IEnumerable<object> list
                ? list.OfType<string>().ToList()
                : [];

        /// <summary>Whether <c>metadata.tags</c> contains <paramref name="tag"/>.</summary>
        public bool HasTag(string tag) => cell.Tags.Contains(tag, StringComparer.Ordinal);
    }

    extension(InteractiveDocumentOutputElement output)
    {
        /// <summary>The MIME bundle of a <c>display_data</c> or <c>execute_result</c> output; null for streams and errors.</summary>
        public IDictionary<string, object>? MimeData => output switch
        {
            DisplayElement display => display.Data,
            ReturnValueElement result => result.Data,
            _ => null,
        };

        /// <summary>The text stored under a MIME type (a list of lines joined), or null when the bundle has none.</summary>
        public string? GetText(string mimeType) =>
            output.MimeData is { } data && data.TryGetValue(mimeType, out var value)
                ? value switch
                {
                    string text => text,
                    IEnumerable<object> lines when lines.All(l => l is string) => string.Concat(lines),
                    _ => null,
                }
                : null;

        /// <summary>Stores text under a MIME type of a <c>display_data</c> or <c>execute_result</c> output, replacing what was there.</summary>
        /// <exception cref="InvalidOperationException">The output is a stream or an error.</exception>
        public void SetText(string mimeType, string text) =>
            (output.MimeData ?? throw new InvalidOperationException($"A {output.GetType().Name} has no MIME bundle."))[mimeType] = text;
    }
}

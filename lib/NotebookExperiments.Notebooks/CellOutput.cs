using System.Text.Json.Nodes;

namespace NotebookExperiments.Notebooks;

/// <summary>
/// One output of a code cell, as nbformat 4 stores it: a <see cref="CellOutputKind.Stream"/> of text, a
/// <see cref="CellOutputKind.DisplayData"/> or <see cref="CellOutputKind.ExecuteResult"/> MIME bundle, or an
/// <see cref="CellOutputKind.Error"/>.
/// </summary>
/// <remarks>
/// MIME bundles map a MIME type to a JSON value: text types (<c>text/html</c>, <c>text/plain</c>, …) hold one
/// string (nbformat's list of lines is joined on reading and split again on writing), JSON types hold a JSON value,
/// images hold base64. Properties this model does not know are kept in <see cref="ExtraProperties"/> so that a
/// read-write round trip loses nothing.
/// </remarks>
public sealed class CellOutput
{
    private CellOutput(CellOutputKind kind) => Kind = kind;

    /// <summary>What kind of output this is.</summary>
    public CellOutputKind Kind { get; }

    /// <summary>For a stream: <c>stdout</c> or <c>stderr</c>.</summary>
    public string? StreamName { get; set; }

    /// <summary>For a stream: the text written.</summary>
    public string? Text { get; set; }

    /// <summary>For display data and execute results: MIME type to value (text types as one string).</summary>
    public Dictionary<string, JsonNode?> Data { get; } = new(StringComparer.Ordinal);

    /// <summary>For display data and execute results: the output's <c>metadata</c>.</summary>
    public JsonObject Metadata { get; set; } = [];

    /// <summary>For an execute result: the cell's execution count.</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>For an error: <c>ename</c>, the error's type name.</summary>
    public string? ErrorName { get; set; }

    /// <summary>For an error: <c>evalue</c>, the error's message.</summary>
    public string? ErrorValue { get; set; }

    /// <summary>For an error: <c>traceback</c>, one string per line.</summary>
    public List<string> Traceback { get; } = [];

    /// <summary>Properties of the output's JSON that this model does not interpret (kept for round trips).</summary>
    public JsonObject ExtraProperties { get; set; } = [];

    /// <summary>A <c>stream</c> output.</summary>
    /// <param name="name"><c>stdout</c> or <c>stderr</c>.</param>
    /// <param name="text">The text written.</param>
    public static CellOutput Stream(string name, string text) => new(CellOutputKind.Stream) { StreamName = name, Text = text };

    /// <summary>A <c>display_data</c> output with text-valued MIME types.</summary>
    public static CellOutput DisplayData(IEnumerable<KeyValuePair<string, string>> data)
    {
        var output = new CellOutput(CellOutputKind.DisplayData);
        foreach (var (mime, text) in data) output.SetText(mime, text);
        return output;
    }

    /// <summary>An <c>execute_result</c> output with text-valued MIME types.</summary>
    public static CellOutput ExecuteResult(int executionCount, IEnumerable<KeyValuePair<string, string>> data)
    {
        var output = new CellOutput(CellOutputKind.ExecuteResult) { ExecutionCount = executionCount };
        foreach (var (mime, text) in data) output.SetText(mime, text);
        return output;
    }

    /// <summary>An <c>error</c> output.</summary>
    /// <param name="name">The error's type name (<c>ename</c>).</param>
    /// <param name="value">The error's message (<c>evalue</c>).</param>
    /// <param name="traceback">The lines of the traceback.</param>
    public static CellOutput Error(string name, string value, IEnumerable<string> traceback)
    {
        var output = new CellOutput(CellOutputKind.Error) { ErrorName = name, ErrorValue = value };
        output.Traceback.AddRange(traceback);
        return output;
    }

    /// <summary>Internal factory for the reader: an empty output of a kind.</summary>
    internal static CellOutput Empty(CellOutputKind kind) => new(kind);

    /// <summary>The text stored under a MIME type, or null when the bundle has none (or holds JSON there).</summary>
    public string? GetText(string mimeType) =>
        Data.TryGetValue(mimeType, out var node) && node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>Stores text under a MIME type, replacing what was there.</summary>
    public void SetText(string mimeType, string text) => Data[mimeType] = JsonValue.Create(text);

    /// <summary>A deep copy.</summary>
    public CellOutput Clone()
    {
        var copy = new CellOutput(Kind)
        {
            StreamName = StreamName,
            Text = Text,
            Metadata = (JsonObject)Metadata.DeepClone(),
            ExecutionCount = ExecutionCount,
            ErrorName = ErrorName,
            ErrorValue = ErrorValue,
            ExtraProperties = (JsonObject)ExtraProperties.DeepClone(),
        };
        foreach (var (mime, node) in Data) copy.Data[mime] = node?.DeepClone();
        copy.Traceback.AddRange(Traceback);
        return copy;
    }
}

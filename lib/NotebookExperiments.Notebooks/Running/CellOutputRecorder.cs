using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace NotebookExperiments.Notebooks.Running;

/// <summary>
/// Turns the kernel's events for one cell into nbformat outputs (those of .NET Interactive's notebook model), the way the
/// kernel's Jupyter front end and Jupyter's executor (nbclient) together store them: console text as <c>stream</c> outputs (consecutive writes merged), displayed
/// values as <c>display_data</c>, the cell's value as <c>execute_result</c>, compiler warnings on <c>stderr</c>, and a failure
/// as an <c>error</c> output. An update of a displayed value replaces the data of the output it was displayed as, in whichever
/// cell that was (a progress bar ends showing its last state); an update for an unknown display is dropped, as nbclient drops it.
/// </summary>
internal sealed class CellOutputRecorder(TextWriter? echo)
{
    private readonly Dictionary<string, List<DisplayElement>> _displays = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private InteractiveDocumentElement? _cell;

    /// <summary>Starts recording into <paramref name="cell"/> (its execution count already set).</summary>
    public void Begin(InteractiveDocumentElement cell)
    {
        lock (_gate) _cell = cell;
    }

    /// <summary>Stops recording; later events (from background work of the cell) are dropped.</summary>
    public void End()
    {
        lock (_gate) _cell = null;
    }

    /// <summary>Records one kernel event for the current cell.</summary>
    public void Record(KernelEvent kernelEvent)
    {
        lock (_gate)
        {
            if (_cell is not { } cell) return;
            switch (kernelEvent)
            {
                case StandardOutputValueProduced stdout:
                    AppendStream(cell, "stdout", PlainText(stdout));
                    break;
                case StandardErrorValueProduced or ErrorProduced:
                    AppendStream(cell, "stderr", PlainText((DisplayEvent)kernelEvent));
                    break;
                case DisplayedValueUpdated updated:
                    if (updated.ValueId is { } id && _displays.TryGetValue(id, out var shown))
                        foreach (var output in shown) Replace(output, updated.FormattedValues);
                    break;
                case DisplayedValueProduced displayed:
                    var data = new DisplayElement(Bundle(displayed.FormattedValues));
                    cell.Outputs.Add(data);
                    if (displayed.ValueId is { } valueId)
                    {
                        if (!_displays.TryGetValue(valueId, out var list)) _displays[valueId] = list = [];
                        list.Add(data);
                    }
                    break;
                case ReturnValueProduced result when result.Value is not DisplayedValue:
                    var returned = new ReturnValueElement { ExecutionOrder = cell.ExecutionOrder };
                    foreach (var (mime, value) in Bundle(result.FormattedValues)) returned.Data[mime] = value;
                    cell.Outputs.Add(returned);
                    break;
                case DiagnosticsProduced diagnostics when diagnostics.FormattedDiagnostics.Count > 0:
                    var text = string.Join("\n\n", diagnostics.FormattedDiagnostics.Select(v => v.Value));
                    AppendStream(cell, "stderr", "\n" + text + "\n\n");
                    break;
            }
        }
    }

    /// <summary>Records a failure as an <c>error</c> output: for a compilation error the diagnostics are already on stderr.</summary>
    public static ErrorElement Error(CommandFailed failed)
    {
        if (failed.Exception is null) return new ErrorElement(failed.Message, "Error", [failed.Message]);
        if (IsCompilationError(failed))
            return new ErrorElement("compilation error", "Error", []);
        var exception = failed.Exception;
        return new ErrorElement(exception.Message, exception.GetType().FullName ?? exception.GetType().Name,
            exception.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToArray());
    }

    /// <summary>Whether the cell did not compile (the kernel's compiler diagnostics say why).</summary>
    public static bool IsCompilationError(CommandFailed failed) =>
        failed.Exception?.GetType().Name == "CodeSubmissionCompilationErrorException";

    private void AppendStream(InteractiveDocumentElement cell, string name, string text)
    {
        if (text.Length == 0) return;
        if (name == "stdout") echo?.Write(text);
        if (cell.Outputs.Count > 0 && cell.Outputs[^1] is TextElement last && last.Name == name)
            cell.Outputs[^1] = new TextElement(last.Text + text, name);
        else
            cell.Outputs.Add(new TextElement(text, name));
    }

    private static string PlainText(DisplayEvent e) =>
        e.FormattedValues.FirstOrDefault(v => v.MimeType == PlainTextFormatter.MimeType)?.Value ?? e.Value?.ToString() ?? "";

    private static Dictionary<string, object> Bundle(IEnumerable<FormattedValue> values) =>
        values.GroupBy(v => v.MimeType).ToDictionary(g => g.Key, object (g) => g.First().Value, StringComparer.Ordinal);

    private static void Replace(DisplayElement output, IEnumerable<FormattedValue> values)
    {
        output.Data.Clear();
        foreach (var (mime, text) in Bundle(values)) output.Data[mime] = text;
    }
}

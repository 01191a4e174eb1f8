using System.Text;

namespace NotebookExperiments.Notebooks.Running;

/// <summary>
/// Collects the outputs of the cell being executed, in the order they happen: console text becomes <c>stream</c>
/// outputs (consecutive writes to one stream merge), each <c>display(…)</c> a <c>display_data</c> output after the
/// text written before it.
/// </summary>
internal sealed class CellOutputCollector
{
    private readonly object _gate = new();
    private readonly StringBuilder _pending = new();
    private readonly TextWriter? _echo;
    private string? _pendingStream;

    public CellOutputCollector(Rendering.OutputFormatter formatter, TextWriter? echo)
    {
        Formatter = formatter;
        _echo = echo;
        Stdout = new StreamWriter(this, "stdout");
        Stderr = new StreamWriter(this, "stderr");
    }

    public Rendering.OutputFormatter Formatter { get; }

    /// <summary>Stands in for <see cref="Console.Out"/> while the cell runs.</summary>
    public TextWriter Stdout { get; }

    /// <summary>Stands in for <see cref="Console.Error"/> while the cell runs.</summary>
    public TextWriter Stderr { get; }

    public List<CellOutput> Outputs { get; } = [];

    /// <summary>Adds a <c>display_data</c> output for a value and returns it (for <see cref="DisplayedValue.Update"/>).</summary>
    public CellOutput Display(object? value, IReadOnlyCollection<string> mimeTypes)
    {
        lock (_gate)
        {
            FlushPending();
            var output = CellOutput.DisplayData(Formatter.Format(value, mimeTypes));
            Outputs.Add(output);
            return output;
        }
    }

    /// <summary>Closes pending text into a stream output; called before the result or error is added.</summary>
    public void Complete()
    {
        lock (_gate) FlushPending();
    }

    private void Append(string stream, string text)
    {
        if (text.Length == 0) return;
        lock (_gate)
        {
            if (_pendingStream != stream) FlushPending();
            _pendingStream = stream;
            _pending.Append(text);
            _echo?.Write(text);
        }
    }

    private void FlushPending()
    {
        if (_pending.Length > 0 && _pendingStream is not null) Outputs.Add(CellOutput.Stream(_pendingStream, _pending.ToString()));
        _pending.Clear();
        _pendingStream = null;
    }

    private sealed class StreamWriter(CellOutputCollector owner, string stream) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => owner.Append(stream, value.ToString());

        public override void Write(string? value) => owner.Append(stream, value ?? "");

        public override void Write(char[] buffer, int index, int count) => owner.Append(stream, new string(buffer, index, count));
    }
}

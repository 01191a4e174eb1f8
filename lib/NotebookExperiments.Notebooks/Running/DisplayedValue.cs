namespace NotebookExperiments.Notebooks.Running;

/// <summary>What a notebook's <c>display(…)</c> returns: a handle to update that output in place later in the cell or notebook.</summary>
public sealed class DisplayedValue
{
    private readonly CellOutput _output;
    private readonly Rendering.OutputFormatter _formatter;
    private readonly IReadOnlyCollection<string> _mimeTypes;

    internal DisplayedValue(CellOutput output, Rendering.OutputFormatter formatter, IReadOnlyCollection<string> mimeTypes)
    {
        _output = output;
        _formatter = formatter;
        _mimeTypes = mimeTypes;
    }

    /// <summary>Replaces the displayed value (the executed notebook keeps the last one, as a viewer would show).</summary>
    public void Update(object? value)
    {
        var bundle = _formatter.Format(value, _mimeTypes);
        _output.Data.Clear();
        foreach (var (mime, text) in bundle) _output.SetText(mime, text);
    }
}

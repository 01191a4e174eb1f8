namespace NotebookExperiments.Benchmarks.Reporting;

/// <summary>One table of results: a titled grid of cells, with notes that say how to read it.</summary>
internal sealed class ReportTable
{
    private readonly List<IReadOnlyList<ReportCell>> _rows = [];
    private readonly List<string> _notes = [];

    /// <param name="key">The section key in JSON, e.g. <c>steps</c>.</param>
    /// <param name="title">The heading.</param>
    /// <param name="columns">The columns.</param>
    public ReportTable(string key, string title, IReadOnlyList<ReportColumn> columns)
    {
        Key = key;
        Title = title;
        Columns = columns;
    }

    /// <summary>The section key in JSON.</summary>
    public string Key { get; }

    /// <summary>The heading.</summary>
    public string Title { get; }

    /// <summary>The columns, including JSON-only ones.</summary>
    public IReadOnlyList<ReportColumn> Columns { get; }

    /// <summary>The rows; each has one cell per column.</summary>
    public IReadOnlyList<IReadOnlyList<ReportCell>> Rows => _rows;

    /// <summary>How to read the table (formulas, what was extrapolated, what was left out).</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>The columns shown in tables.</summary>
    public IEnumerable<(ReportColumn Column, int Index)> VisibleColumns =>
        Columns.Select((c, i) => (c, i)).Where(x => !x.c.JsonOnly);

    /// <summary>Adds a row.</summary>
    /// <exception cref="ArgumentException">Not one cell per column.</exception>
    public ReportTable AddRow(params ReportCell[] cells)
    {
        if (cells.Length != Columns.Count)
            throw new ArgumentException($"Table '{Key}' has {Columns.Count} columns; a row has {cells.Length} cells.", nameof(cells));
        _rows.Add(cells);
        return this;
    }

    /// <summary>Adds a note.</summary>
    public ReportTable AddNote(string note)
    {
        _notes.Add(note);
        return this;
    }
}

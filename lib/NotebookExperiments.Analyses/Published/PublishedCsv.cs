using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;

namespace NotebookExperiments.Published;

/// <summary>
/// One of the CSV files of data/published/, read from the resources of this assembly: a header line and one record per line
/// (RFC 4180 quoting, as <see cref="CsvFile"/> writes it), read strictly — a missing column, a short or long line, or a value that
/// is not of its column's kind is an error that names the file, the line and the column. An empty numeric field is NaN.
/// </summary>
internal sealed class PublishedCsv
{
    private readonly string _file;
    private readonly Dictionary<string, int> _columns;
    private readonly string[] _header;
    private readonly List<string[]> _rows;

    private PublishedCsv(string file, string text)
    {
        _file = file;
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Where(l => l.Length > 0).ToList();
        if (lines.Count == 0) throw new InvalidDataException($"{file} is empty.");
        var header = _header = Split(lines[0], 1);
        _columns = header.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i, StringComparer.Ordinal);
        _rows = lines.Skip(1).Select((line, i) =>
        {
            var fields = Split(line, i + 2);
            return fields.Length == header.Length ? fields
                : throw new InvalidDataException($"{file}, line {i + 2}: {fields.Length} fields where the header has {header.Length}.");
        }).ToList();
    }

    /// <summary>Reads the embedded file <paramref name="file"/>.</summary>
    public static PublishedCsv Read(string file) => Parse(file, PublishedResults.Text(file));

    /// <summary>Parses CSV text (the name is for messages).</summary>
    public static PublishedCsv Parse(string file, string text) => new(file, text);

    /// <summary>Number of records.</summary>
    public int Count => _rows.Count;

    /// <summary>
    /// The whole file as a frame, its columns in the file's order and read as strictly as the fields: <c>beta</c>, <c>tau</c> and
    /// the means and standard errors as Double (an empty field NaN), <c>seeds</c>, <c>epochs</c> and <c>epoch</c> as Int32, the
    /// rest as text (<c>source</c> required).
    /// </summary>
    public DataFrame Frame() => new(_header.Select<string, DataFrameColumn>(name =>
    {
        var rows = Enumerable.Range(0, Count);
        return name switch
        {
            Columns.Seeds or Columns.Epochs or Columns.Epoch => new Int32DataFrameColumn(name, rows.Select(i => Integer(i, name))),
            Columns.Beta or Columns.Tau or Columns.MeanTrainElbo or Columns.SeTrainElbo or Columns.MeanCosine or Columns.SeCosine =>
                new DoubleDataFrameColumn(name, rows.Select(i => Double(i, name))),
            _ => new StringDataFrameColumn(name, rows.Select(i => name == Columns.Source ? Required(i, name) : String(i, name))),
        };
    }));

    /// <summary>A text field.</summary>
    public string String(int row, string column) => _rows[row][Index(column)];

    /// <summary>A text field that must not be empty (e.g. every number's <c>source</c>).</summary>
    public string Required(int row, string column)
    {
        var field = String(row, column);
        return field.Trim().Length > 0 ? field : throw Bad(row, column, field, "a value (the field is required)");
    }

    /// <summary>A number; an empty field is NaN (a missing value, never zero).</summary>
    public double Double(int row, string column)
    {
        var field = String(row, column);
        if (field.Length == 0) return double.NaN;
        return double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
            : throw Bad(row, column, field, "a number");
    }

    /// <summary>The published value of a record: the mean and standard error of the columns given, over its <c>seeds</c>, from its
    /// (required) <c>source</c>.</summary>
    public PublishedValue Value(int row, string mean, string se) =>
        new(Double(row, mean), Double(row, se), Integer(row, Columns.Seeds), Required(row, Columns.Source));

    /// <summary>One item per record, in order, made from the file and the record's index.</summary>
    public IReadOnlyList<T> Records<T>(Func<PublishedCsv, int, T> make) => Enumerable.Range(0, Count).Select(i => make(this, i)).ToList();

    /// <summary>A whole number (required).</summary>
    public int Integer(int row, string column)
    {
        var field = String(row, column);
        return int.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
            : throw Bad(row, column, field, "a whole number");
    }

    private int Index(string column) =>
        _columns.TryGetValue(column, out var index) ? index
            : throw new InvalidDataException($"{_file} has no column '{column}' (it has: {string.Join(", ", _columns.Keys)}).");

    private InvalidDataException Bad(int row, string column, string field, string expected) =>
        new($"{_file}, line {row + 2}, column '{column}': expected {expected}, found '{field}'.");

    private string[] Split(string line, int lineNumber)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else quoted = false;
            }
            else if (c == '"' && field.Length == 0) quoted = true;
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else field.Append(c);
        }
        if (quoted) throw new InvalidDataException($"{_file}, line {lineNumber}: a quoted field is not closed.");
        fields.Add(field.ToString());
        return fields.ToArray();
    }
}

using System.Globalization;
using Microsoft.Data.Analysis;

namespace NotebookExperiments.Charts;

/// <summary>
/// Reads the columns a figure needs from a <see cref="DataFrame"/>, leniently about the storage type (a CSV read back with
/// <c>DataFrame.LoadCsv</c> has <c>float</c> or <c>int</c> columns where the analysis wrote <c>double</c> or <c>long</c>) and strictly about their
/// presence: a missing column is an error that names the figure, the columns it needs and the columns the frame has.
/// </summary>
/// <param name="frame">The frame given to the figure builder.</param>
/// <param name="figure">The figure's name, for error messages.</param>
/// <param name="parameterName">The builder's parameter name, for <see cref="ArgumentException.ParamName"/>.</param>
/// <param name="required">The columns the figure reads; the constructor checks that every one is present.</param>
/// <exception cref="ArgumentException">A required column is missing.</exception>
internal sealed class FrameColumns(DataFrame frame, string figure, string parameterName, params string[] required)
{
    private readonly DataFrame _frame = WithColumns(frame, figure, parameterName, required);
    private readonly HashSet<string> _optional = new(StringComparer.Ordinal);

    private static DataFrame WithColumns(DataFrame frame, string figure, string parameterName, string[] required)
    {
        ArgumentNullException.ThrowIfNull(frame, parameterName);
        var missing = required.Where(name => frame.Columns.IndexOf(name) < 0).ToList();
        if (missing.Count > 0)
            throw new ArgumentException(
                $"{figure} needs the columns {string.Join(", ", required)}; the frame lacks {string.Join(", ", missing)} " +
                $"(it has: {string.Join(", ", frame.Columns.Select(c => c.Name))}).", parameterName);
        return frame;
    }

    /// <summary>Whether the frame has the optional column <paramref name="name"/> (which may then be read like a required one).</summary>
    public bool Has(string name)
    {
        if (_frame.Columns.IndexOf(name) < 0) return false;
        _optional.Add(name);
        return true;
    }

    /// <summary>Number of rows.</summary>
    public int RowCount => checked((int)_frame.Rows.Count);

    /// <summary>A text column (any column type; missing values become empty strings).</summary>
    public string[] Strings(string name)
    {
        var column = Column(name);
        return Enumerable.Range(0, RowCount)
            .Select(i => Convert.ToString(column[i], CultureInfo.InvariantCulture) ?? string.Empty).ToArray();
    }

    /// <summary>A numeric column as doubles (missing values become NaN).</summary>
    /// <exception cref="ArgumentException">The column holds something that is not a number.</exception>
    public double[] Doubles(string name)
    {
        var column = Column(name);
        return Enumerable.Range(0, RowCount).Select(i => column[i] switch
        {
            null => double.NaN,
            double d => d,
            float f => f,
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            IConvertible c and not string and not bool and not char => c.ToDouble(CultureInfo.InvariantCulture),
            var other => throw NotOfType(name, i, other, "a number"),
        }).ToArray();
    }

    /// <summary>An integer column (whole numbers stored in any numeric type; missing values become 0).</summary>
    /// <exception cref="ArgumentException">The column holds a value that is not a whole number.</exception>
    public long[] Integers(string name)
    {
        var values = Doubles(name);
        return values.Select((v, i) => double.IsNaN(v) ? 0L
            : v == Math.Floor(v) && double.IsFinite(v) ? (long)v
            : throw NotOfType(name, i, v, "a whole number")).ToArray();
    }

    /// <summary>A Boolean column (also accepts <c>true</c>/<c>false</c> text and 0/1 numbers; missing values become false).</summary>
    /// <exception cref="ArgumentException">The column holds a value that is not a truth value.</exception>
    public bool[] Booleans(string name)
    {
        var column = Column(name);
        return Enumerable.Range(0, RowCount).Select(i => column[i] switch
        {
            null => false,
            bool b => b,
            string s when bool.TryParse(s, out var parsed) => parsed,
            IConvertible c and not string and not char => c.ToDouble(CultureInfo.InvariantCulture) switch
            {
                0 => false,
                1 => true,
                _ => throw NotOfType(name, i, c, "true or false"),
            },
            var other => throw NotOfType(name, i, other, "true or false"),
        }).ToArray();
    }

    private DataFrameColumn Column(string name) =>
        required.Contains(name) || _optional.Contains(name) ? _frame.Columns[name]
            : throw new InvalidOperationException($"'{name}' was not declared as a required column of {figure}.");

    private ArgumentException NotOfType(string name, int row, object? value, string expected) =>
        new($"{figure}: column '{name}' must hold {expected}; row {row} holds '{value}'.", parameterName);
}

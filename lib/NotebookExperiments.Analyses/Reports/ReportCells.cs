using System.Globalization;
using NotebookExperiments.Analyses;

namespace NotebookExperiments.Reports;

/// <summary>The text of a <see cref="ResultTable"/>'s cells as the command line prints them: numbers to the table's significant digits,
/// a cell the table explains (a NaN with a meaning) by its explanation, a missing value as a dash.</summary>
internal static class ReportCells
{
    /// <summary>The header and the rows of <paramref name="table"/> as text.</summary>
    public static (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) Of(ResultTable table)
    {
        var frame = table.Frame;
        var header = frame.Columns.Select(c => c.Name).ToList();
        var rows = new List<IReadOnlyList<string>>();
        for (long r = 0; r < frame.Rows.Count; r++)
        {
            long row = r;
            rows.Add(frame.Columns.Select(c => table.Explain?.Invoke(c.Name, row) ?? c[row] switch
            {
                null => "—",
                double d => d.ToString("G" + table.Digits, CultureInfo.InvariantCulture),
                float f => f.ToString("G" + table.Digits, CultureInfo.InvariantCulture),
                IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString() ?? "",
            }).ToList());
        }
        return (header, rows);
    }
}

using Microsoft.Data.Analysis;

namespace NotebookExperiments;

/// <summary>
/// Writes a <see cref="DataFrame"/> as CSV in <see cref="CsvFile"/>'s form: numbers in their shortest round-trip form
/// (<see cref="DataFrame.SaveCsv(DataFrame, string, char, bool, System.Text.Encoding?, System.Globalization.CultureInfo?)"/> writes
/// <c>0.050000000000000003</c> for 0.05), invariant culture, a missing value as an empty field.
/// </summary>
public static class CsvTable
{
    /// <summary>The CSV text of <paramref name="frame"/>: a header line, then one line per row, each ending with <c>\n</c>.</summary>
    public static string Format(DataFrame frame) =>
        CsvFile.Format(frame.Columns.Select(c => c.Name), Enumerable.Range(0, checked((int)frame.Rows.Count)).Select(r => frame.Columns.Select(c => c[r])));

    /// <summary>One value as a CSV field.</summary>
    public static string Field(object? value) => CsvFile.Field(value);

    /// <summary>Writes the CSV through a temporary file and a rename, so that a reader never sees half a file.</summary>
    public static void SaveAtomically(DataFrame frame, string path) => CsvFile.WriteAtomically(path, Format(frame));
}

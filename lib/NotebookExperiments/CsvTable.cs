using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;

namespace NotebookExperiments;

/// <summary>
/// Writes a <see cref="DataFrame"/> as CSV the way people read numbers: every floating-point value in the shortest form
/// that parses back to the same value (<c>0.05</c>, not <c>0.050000000000000003</c> as <see cref="DataFrame.SaveCsv(DataFrame, string, char, bool, System.Text.Encoding?, CultureInfo?)"/>
/// writes), invariant culture, <c>NaN</c> and <c>Infinity</c> spelled out, a missing value as an empty field, booleans as <c>True</c> and <c>False</c>, text quoted
/// only when it holds a comma, a quote or a line break (RFC 4180).
/// </summary>
public static class CsvTable
{
    /// <summary>The CSV text of <paramref name="frame"/>: a header line, then one line per row, each ending with <c>\n</c>.</summary>
    public static string Format(DataFrame frame)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', frame.Columns.Select(c => Quote(c.Name))).Append('\n');
        for (long r = 0; r < frame.Rows.Count; r++)
            text.AppendJoin(',', frame.Columns.Select(c => Field(c[r]))).Append('\n');
        return text.ToString();
    }

    /// <summary>One value as a CSV field.</summary>
    public static string Field(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "True" : "False",
        string s => Quote(s),
        IFormattable x => Quote(x.ToString(null, CultureInfo.InvariantCulture)),
        var other => Quote(other.ToString() ?? ""),
    };

    /// <summary>Writes the CSV through a temporary file and a rename, so that a reader never sees half a file.</summary>
    public static void SaveAtomically(DataFrame frame, string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + $".{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllText(temp, Format(frame), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
}

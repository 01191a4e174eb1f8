using System.Globalization;
using System.Text;

namespace NotebookExperiments;

/// <summary>
/// CSV as people read numbers: every floating-point value in the shortest form that parses back to the same value
/// (<c>0.05</c>, not <c>0.050000000000000003</c>), invariant culture, <c>NaN</c> and <c>Infinity</c> spelled out, a missing value
/// as an empty field, booleans as <c>True</c> and <c>False</c>, text quoted only when it holds a comma, a quote or a line break
/// (RFC 4180). Files are written through a temporary file and a rename, so a reader never sees half a file.
/// </summary>
internal static class CsvFile
{
    /// <summary>The CSV text of a header and rows: one line each, each ending with <c>\n</c>.</summary>
    public static string Format(IEnumerable<string> header, IEnumerable<IEnumerable<object?>> rows)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', header.Select(Quote)).Append('\n');
        foreach (var row in rows) text.AppendJoin(',', row.Select(Field)).Append('\n');
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

    /// <summary>Writes <paramref name="text"/> (UTF-8, no byte-order mark) to <paramref name="path"/> through a temporary file and a rename.</summary>
    public static void WriteAtomically(string path, string text)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + $".{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllText(temp, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
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

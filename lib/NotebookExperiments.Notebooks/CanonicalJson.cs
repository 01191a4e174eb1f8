using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookExperiments.Notebooks;

/// <summary>
/// Writes JSON exactly as VS Code's notebook serializer does: keys sorted recursively
/// (<c>Object.keys(o).sort()</c>, which is ordinal over UTF-16 code units, with JavaScript's rule that array-index
/// keys come first in numeric order), then <c>JSON.stringify(value, undefined, indent)</c> and a trailing newline.
/// </summary>
/// <remarks>
/// <c>JSON.stringify</c> escapes only <c>"</c>, <c>\</c> and control characters (and lone surrogates); everything else,
/// <c>&lt;</c> and non-ASCII included, is written as is. Numbers are written as JavaScript prints a double.
/// System.Text.Json, which the notebook library's writer uses, sorts no keys and escapes and prints numbers otherwise
/// (see <see cref="NotebookFile"/>), hence this writer.
/// </remarks>
internal static class CanonicalJson
{
    /// <summary>Serializes a node with <paramref name="indent"/> spaces per level and a trailing newline.</summary>
    public static string Serialize(JsonNode? node, int indent = 1)
    {
        var builder = new StringBuilder();
        Write(builder, node, indent, 0);
        builder.Append('\n');
        return builder.ToString();
    }

    private static void Write(StringBuilder b, JsonNode? node, int indent, int depth)
    {
        switch (node)
        {
            case JsonObject obj:
                WriteItems(b, '{', '}', SortKeys(obj.Select(p => p.Key)).ToList(), key =>
                {
                    WriteString(b, key);
                    b.Append(": ");
                    Write(b, obj[key], indent, depth + 1);
                }, indent, depth);
                break;
            case JsonArray array:
                WriteItems(b, '[', ']', array.ToList(), item => Write(b, item, indent, depth + 1), indent, depth);
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                WriteString(b, value.GetValue<string>());
                break;
            case JsonValue value:
                b.Append(value.GetValueKind() switch
                {
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    JsonValueKind.Null => "null",
                    JsonValueKind.Number => JavaScriptNumber(double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)),
                    var kind => throw new InvalidOperationException($"Unexpected JSON value kind {kind}."),
                });
                break;
            default:
                b.Append("null");
                break;
        }
    }

    /// <summary>An object's or array's items, one per line at <paramref name="depth"/> + 1; <c>{}</c> or <c>[]</c> when there are none.</summary>
    private static void WriteItems<T>(StringBuilder b, char open, char close, IReadOnlyList<T> items, Action<T> write, int indent, int depth)
    {
        b.Append(open);
        for (int i = 0; i < items.Count; i++)
        {
            if (i > 0) b.Append(',');
            b.Append('\n').Append(' ', indent * (depth + 1));
            write(items[i]);
        }
        if (items.Count > 0) b.Append('\n').Append(' ', indent * depth);
        b.Append(close);
    }

    /// <summary>JavaScript's key order: array-index keys ascending by value, then the rest ordinally.</summary>
    internal static IEnumerable<string> SortKeys(IEnumerable<string> keys)
    {
        var all = keys.ToList();
        var indices = all.Where(IsArrayIndex).OrderBy(k => uint.Parse(k, CultureInfo.InvariantCulture));
        var names = all.Where(k => !IsArrayIndex(k)).OrderBy(k => k, StringComparer.Ordinal);
        return indices.Concat(names);
    }

    private static bool IsArrayIndex(string key) =>
        key.Length > 0 && key.All(char.IsAsciiDigit) && (key == "0" || key[0] != '0')
        && uint.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n != uint.MaxValue;

    /// <summary><c>JSON.stringify</c> of a string.</summary>
    internal static void WriteString(StringBuilder b, string s)
    {
        b.Append('"');
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            switch (c)
            {
                case '"': b.Append("\\\""); break;
                case '\\': b.Append("\\\\"); break;
                case '\b': b.Append("\\b"); break;
                case '\f': b.Append("\\f"); break;
                case '\n': b.Append("\\n"); break;
                case '\r': b.Append("\\r"); break;
                case '\t': b.Append("\\t"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                    {
                        b.Append(c).Append(s[i + 1]);
                        i++;
                    }
                    else if (c < 0x20 || char.IsSurrogate(c))
                    {
                        b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        b.Append(c);
                    }
                    break;
            }
        }
        b.Append('"');
    }

    /// <summary>JavaScript's <c>Number.prototype.toString()</c> for a finite double (shortest round-trip digits).</summary>
    internal static string JavaScriptNumber(double x)
    {
        if (double.IsNaN(x) || double.IsInfinity(x)) return "null"; // what JSON.stringify writes
        if (x == 0) return "0";
        var sign = x < 0 ? "-" : "";
        var r = Math.Abs(x).ToString("R", CultureInfo.InvariantCulture);
        int e = r.IndexOfAny(['E', 'e']);
        int exponent = e < 0 ? 0 : int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? r : r[..e];
        int point = mantissa.IndexOf('.');
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        int n = (point < 0 ? mantissa.Length : point) + exponent; // the decimal point sits after n digits
        int leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.TrimStart('0');
        n -= leading;
        digits = digits.TrimEnd('0');
        int k = digits.Length;
        string body;
        if (k <= n && n <= 21) body = digits + new string('0', n - k);
        else if (0 < n && n <= 21) body = digits[..n] + "." + digits[n..];
        else if (-6 < n && n <= 0) body = "0." + new string('0', -n) + digits;
        else
        {
            int e10 = n - 1;
            var exp = (e10 < 0 ? "-" : "+") + Math.Abs(e10).ToString(CultureInfo.InvariantCulture);
            body = k == 1 ? digits + "e" + exp : digits[0] + "." + digits[1..] + "e" + exp;
        }
        return sign + body;
    }
}

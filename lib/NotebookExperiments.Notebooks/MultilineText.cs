using System.Text.Json.Nodes;

namespace NotebookExperiments.Notebooks;

/// <summary>
/// nbformat's <c>multiline_string</c>: a string stored either whole or as a list of lines. Readers accept both;
/// the canonical form (VS Code's, Jupyter's) is a list of lines, each ending in <c>\n</c> except the last, and an
/// empty list for empty text.
/// </summary>
internal static class MultilineText
{
    /// <summary>Joins a string or a list of strings; null for anything else.</summary>
    public static string? Read(JsonNode? node) => node switch
    {
        null => null,
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? "")),
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => null,
    };

    /// <summary>Splits text after each <c>\n</c>; the last line keeps no newline and is dropped when empty.</summary>
    public static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        int start = 0;
        while (start < text.Length)
        {
            int newline = text.IndexOf('\n', start);
            if (newline < 0)
            {
                lines.Add(text[start..]);
                break;
            }
            lines.Add(text[start..(newline + 1)]);
            start = newline + 1;
        }
        return lines;
    }

    /// <summary>The canonical JSON form: an array of <see cref="SplitLines"/>.</summary>
    public static JsonArray Write(string text) => new(SplitLines(text).Select(l => (JsonNode?)JsonValue.Create(l)).ToArray());
}

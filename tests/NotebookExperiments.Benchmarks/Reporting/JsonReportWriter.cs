using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookExperiments.Benchmarks.Reporting;

/// <summary>
/// Writes a report as one JSON object: <c>environment</c>, and <c>sections</c>, each with its key, title, notes and rows as
/// objects keyed by column (numbers unrounded, in the unit the key names).
/// </summary>
internal static class JsonReportWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the report.</summary>
    public static void Write(BenchmarkReport report, TextWriter writer)
    {
        var e = report.Environment;
        var root = new JsonObject
        {
            ["environment"] = new JsonObject
            {
                ["started_utc"] = e.StartedUtc.ToString("O"),
                ["cores"] = e.Cores,
                ["threads"] = e.Threads,
                ["processor"] = e.Processor,
                ["os"] = e.OperatingSystem,
                ["runtime"] = e.Runtime,
                ["torchsharp"] = e.TorchSharpVersion,
                ["data"] = e.Data,
                ["mode"] = e.Mode,
                ["load_average_start"] = e.LoadAverageAtStart,
                ["load_average_end"] = e.LoadAverageAtEnd,
            },
            ["sections"] = new JsonArray([.. report.Tables.Select(ToJson)]),
        };
        writer.WriteLine(root.ToJsonString(Indented));
    }

    private static JsonObject ToJson(ReportTable table)
    {
        var rows = new JsonArray();
        foreach (var row in table.Rows)
        {
            var o = new JsonObject();
            for (int i = 0; i < table.Columns.Count; i++)
            {
                var cell = row[i];
                o[table.Columns[i].Key] = cell.Value is double v && double.IsFinite(v) ? JsonValue.Create(v)
                    : cell.Text.Length == 0 || cell.Value is not null ? null
                    : JsonValue.Create(cell.Text.Trim());
            }
            rows.Add(o);
        }
        return new JsonObject
        {
            ["key"] = table.Key,
            ["title"] = table.Title,
            ["rows"] = rows,
            ["notes"] = new JsonArray([.. table.Notes.Select(n => (JsonNode?)JsonValue.Create(n))]),
        };
    }
}

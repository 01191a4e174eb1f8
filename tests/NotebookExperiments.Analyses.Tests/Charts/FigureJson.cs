using System.Text.Json;
using NotebookExperiments.Charts;
using Plotly.NET;

namespace NotebookExperiments.Tests.Charts;

/// <summary>A figure's Plotly JSON, parsed, with the few look-ups the chart tests make.</summary>
internal sealed class FigureJson
{
    public FigureJson(GenericChart chart)
    {
        Text = ChartExport.ToJson(chart);
        Root = JsonDocument.Parse(Text).RootElement;
    }

    /// <summary>The raw JSON.</summary>
    public string Text { get; }

    public JsonElement Root { get; }

    public JsonElement Layout => Root.GetProperty("layout");

    public IReadOnlyList<JsonElement> Traces => Root.GetProperty("data").EnumerateArray().ToList();

    /// <summary>Traces that draw data (lines and markers), not the filled bands nor the legend keys.</summary>
    public IReadOnlyList<JsonElement> DataTraces => Traces.Where(t => String(t, "fill") != "toself" && !IsKey(t)).ToList();

    /// <summary>The filled ±spread bands.</summary>
    public IReadOnlyList<JsonElement> Bands => Traces.Where(t => String(t, "fill") == "toself" && !IsKey(t)).ToList();

    /// <summary>The legend keys (<see cref="ChartTraces.LegendKey"/>): entries that draw nothing, one missing point each.</summary>
    public IReadOnlyList<JsonElement> Keys => Traces.Where(IsKey).ToList();

    private static bool IsKey(JsonElement trace) =>
        trace.TryGetProperty("x", out var x) && x.ValueKind == JsonValueKind.Array && x.GetArrayLength() == 1 && x[0].ValueKind == JsonValueKind.Null;

    /// <summary>The traces drawn on a panel's axes (1-based).</summary>
    public IReadOnlyList<JsonElement> InPanel(IReadOnlyList<JsonElement> traces, int panel) =>
        traces.Where(t => (String(t, "xaxis") ?? "x") == (panel == 1 ? "x" : $"x{panel}")).ToList();

    /// <summary>Names of the traces that add a legend entry (Plotly's default is to show one).</summary>
    public IReadOnlyList<string> LegendEntries =>
        Traces.Where(t => !t.TryGetProperty("showlegend", out var shown) || shown.GetBoolean()).Select(t => String(t, "name")!).ToList();

    public JsonElement Axis(string name) => Layout.GetProperty(name);

    public string? AxisType(string name) => String(Axis(name), "type");

    public IReadOnlyList<JsonElement> Shapes =>
        Layout.TryGetProperty("shapes", out var shapes) ? shapes.EnumerateArray().ToList() : [];

    public IReadOnlyList<string> AnnotationTexts =>
        Layout.TryGetProperty("annotations", out var annotations)
            ? annotations.EnumerateArray().Select(a => String(a, "text")!).ToList() : [];

    public string Title => Layout.GetProperty("title").GetProperty("text").GetString()!;

    /// <summary>The title as a reader sees it: tags removed, lines joined by spaces, <c>&amp;amp;</c> as <c>&amp;</c>.</summary>
    public string PlainTitle => System.Text.RegularExpressions.Regex.Replace(Title.Replace("<br>", " ", StringComparison.Ordinal), "<[^>]*>", "")
        .Replace("&amp;", "&", StringComparison.Ordinal).Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal);

    public static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static double[] Numbers(JsonElement trace, string property) =>
        trace.GetProperty(property).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static string[] Strings(JsonElement trace, string property) =>
        trace.GetProperty(property).EnumerateArray().Select(v => v.GetString()!).ToArray();

    public static string LineColor(JsonElement trace) => trace.GetProperty("line").GetProperty("color").GetString()!;
}

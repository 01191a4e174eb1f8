using System.Collections;
using System.Globalization;
using Microsoft.Data.Analysis;
using Plotly.NET;

namespace NotebookExperiments.Notebooks.Rendering;

/// <summary>
/// Turns a value a notebook shows (with <c>display(…)</c> or as a cell's trailing expression) into a MIME bundle, as
/// the kernel's formatters would: <see cref="HtmlString"/> as <c>text/html</c>; a Plotly.NET <see cref="GenericChart"/>
/// as <c>text/html</c> that works offline (plotly.js embedded in the first chart of the document, see
/// <see cref="PlotlyScript"/>); a <see cref="DataFrame"/> as an HTML table plus <c>text/plain</c>; a type with a
/// convention-based formatter (<see cref="ConventionFormatters"/>, e.g. TorchSharp tensors) as that formatter says;
/// a sequence as <c>[a, b, …]</c>; anything else as <c>text/plain</c> (<c>ToString()</c>, invariant culture).
/// </summary>
/// <remarks>One instance serves one document: it remembers whether plotly.js was already embedded.</remarks>
public sealed class OutputFormatter
{
    /// <summary>How many items of a sequence <c>text/plain</c> lists.</summary>
    public const int SequenceItemLimit = 20;

    /// <summary>Whether this document has embedded plotly.js already.</summary>
    public bool PlotlyScriptEmbedded { get; private set; }

    /// <summary>The MIME bundle for a value.</summary>
    /// <param name="value">The value (null is shown as <c>&lt;null&gt;</c>).</param>
    /// <param name="mimeTypes">When not empty, keep only these MIME types (falling back to <c>text/plain</c> if none is produced).</param>
    public IReadOnlyDictionary<string, string> Format(object? value, IReadOnlyCollection<string>? mimeTypes = null)
    {
        var bundle = Candidates(value);
        if (mimeTypes is { Count: > 0 })
        {
            bundle = bundle.Where(p => mimeTypes.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            if (bundle.Count == 0) bundle["text/plain"] = PlainText(value);
        }
        if (bundle.TryGetValue("text/html", out var html) && PlotlyScript.DrawsChart(html) && !PlotlyScriptEmbedded)
        {
            bundle["text/html"] = PlotlyScript.ScriptElement() + "\n" + html;
            PlotlyScriptEmbedded = true;
        }
        return bundle;
    }

    private static Dictionary<string, string> Candidates(object? value)
    {
        var bundle = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (value)
        {
            case HtmlString html:
                bundle["text/html"] = html.Html;
                return bundle;
            case GenericChart chart:
                bundle["text/html"] = ChartHtml.Fragment(chart);
                return bundle;
            case DataFrame frame:
                bundle["text/html"] = DataFrameHtml.ToHtml(frame);
                bundle["text/plain"] = frame.ToString();
                return bundle;
            case null:
                bundle["text/plain"] = "<null>";
                return bundle;
        }
        foreach (var (mime, text) in ConventionFormatters.Format(value)) bundle[mime] = text;
        if (!bundle.ContainsKey("text/plain")) bundle["text/plain"] = PlainText(value);
        return bundle;
    }

    /// <summary>The <c>text/plain</c> of a value: sequences listed, formattable values in the invariant culture.</summary>
    public static string PlainText(object? value) => value switch
    {
        null => "<null>",
        string s => s,
        IEnumerable sequence => ListItems(sequence),
        _ => Scalar(value),
    };

    private static string ListItems(IEnumerable sequence)
    {
        var items = new List<string>();
        bool more = false;
        foreach (var item in sequence)
        {
            if (items.Count == SequenceItemLimit)
            {
                more = true;
                break;
            }
            items.Add(item is string s ? s : Scalar(item));
        }
        return "[" + string.Join(", ", items) + (more ? ", …" : "") + "]";
    }

    private static string Scalar(object? value) => value switch
    {
        null => "<null>",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

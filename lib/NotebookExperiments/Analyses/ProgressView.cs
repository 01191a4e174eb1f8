using System.Diagnostics;
using System.Net;

namespace NotebookExperiments.Analyses;

/// <summary>
/// Progress of an analysis as a small HTML bar for a notebook output that updates in place. The notebook keeps the
/// kernel-specific part: <c>var status = display(HTML(ProgressView.Initial)); var progress = new ProgressView(html =&gt;
/// status.Update(HTML(html)));</c>. Updates are throttled to a few per second; the last one always shows.
/// </summary>
public sealed class ProgressView(Action<string> update, double minimumSeconds = 0.5) : IProgress<AnalysisProgress>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private double _last = double.NegativeInfinity;

    /// <summary>The bar before anything has run.</summary>
    public static string Initial => Render(new AnalysisProgress("analysis", 0, 1, "starting"), 0);

    /// <inheritdoc />
    public void Report(AnalysisProgress value)
    {
        double now = _clock.Elapsed.TotalSeconds;
        bool final = value.Done >= value.Total;
        if (!final && now - _last < minimumSeconds) return;
        _last = now;
        update(Render(value, now));
    }

    /// <summary>The HTML of one state: a bar over all units, the count, the running detail and the elapsed time.</summary>
    public static string Render(AnalysisProgress p, double seconds)
    {
        double done = Math.Min(p.Total, p.Done + p.Fraction);
        return $"<div style=\"font-family:monospace\"><b>{WebUtility.HtmlEncode(p.Analysis)}</b> " +
               $"<progress value=\"{done.ToString(System.Globalization.CultureInfo.InvariantCulture)}\" max=\"{Math.Max(1, p.Total)}\" style=\"width:240px\"></progress> " +
               $"{p.Done}/{p.Total} units, {TimeSpan.FromSeconds(Math.Round(seconds)):c}<br/>{WebUtility.HtmlEncode(p.Detail)}</div>";
    }
}

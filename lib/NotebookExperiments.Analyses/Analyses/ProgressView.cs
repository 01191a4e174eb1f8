using System.Diagnostics;
using System.Net;

namespace NotebookExperiments.Analyses;

/// <summary>
/// Progress of an analysis as a small HTML bar for a notebook output that updates in place. The notebook keeps the
/// kernel-specific part: <c>var status = display(HTML(ProgressView.Initial)); var progress = new ProgressView(html =&gt;
/// status.Update(HTML(html)));</c>. The bar counts the work in member-steps (every ensemble member's training steps, and
/// gradient estimates at their cost in steps), with finished units, elapsed time and an estimate of the time left.
/// Updates are throttled to a few per second; the last one always shows.
/// </summary>
public sealed class ProgressView(Action<string> update, double minimumSeconds = 0.5) : IProgress<AnalysisProgress>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly RemainingTime _remaining = new();
    private double _last = double.NegativeInfinity;

    /// <summary>The bar before anything has run.</summary>
    public static string Initial => Render(new AnalysisProgress("analysis", 0, 1, "starting"), 0);

    /// <inheritdoc />
    public void Report(AnalysisProgress value)
    {
        double now = _clock.Elapsed.TotalSeconds;
        var remaining = _remaining.Update(value, now);
        bool final = value.Done >= value.Total;
        if (!final && now - _last < minimumSeconds) return;
        _last = now;
        update(Render(value, now, remaining));
    }

    /// <summary>The HTML of one state: a bar over the work, the units and work done, the elapsed and remaining time, the running detail.</summary>
    public static string Render(AnalysisProgress p, double seconds, TimeSpan? remaining = null)
    {
        bool final = p.Done >= p.Total;
        return $"<div style=\"font-family:monospace\"><b>{WebUtility.HtmlEncode(p.Analysis)}</b> " +
               $"<progress value=\"{p.Progress.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)}\" max=\"1\" style=\"width:240px\"></progress> " +
               $"{WebUtility.HtmlEncode(RemainingTime.Describe(p))}, {TimeSpan.FromSeconds(Math.Round(seconds)):c} elapsed" +
               (final ? "" : $", {WebUtility.HtmlEncode(RemainingTime.Format(remaining))}") +
               $"<br/>{WebUtility.HtmlEncode(p.Detail)}" + (p.Note is { } note ? $"<br/><i>{WebUtility.HtmlEncode(note)}</i>" : "") + "</div>";
    }
}

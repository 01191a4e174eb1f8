using System.Diagnostics;
using System.Net;

namespace NotebookExperiments.Analyses;

/// <summary>
/// Progress of an analysis as a small HTML bar for a notebook output that updates in place. The notebooks' session
/// (<c>notebooks/session.csx</c>) keeps the kernel-specific part: it shows <see cref="Initial"/> in the running cell and gives
/// the bar a callback that replaces that output. The bar counts the work in member-steps (every ensemble member's training steps, and
/// gradient estimates at their cost in steps), with finished units, elapsed time and an estimate of the time left, and
/// once every unit is done says it finished, with its units and time. Updates are throttled to a few per second; the last one
/// always shows. Several analyses may report to one bar in turn (the temperature study, then its batch-size view): each starts
/// its own clock and estimate.
/// </summary>
public sealed class ProgressView(Action<string> update, double minimumSeconds = 0.5) : IProgress<AnalysisProgress>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private RemainingTime _remaining = new();
    private string? _analysis;
    private double _start, _last = double.NegativeInfinity;

    /// <summary>The bar before anything has run.</summary>
    public static string Initial => Render(new AnalysisProgress("analysis", 0, 1, "starting"), 0);

    /// <inheritdoc />
    public void Report(AnalysisProgress value)
    {
        double now = _clock.Elapsed.TotalSeconds;
        if (value.Analysis != _analysis)
        {
            (_analysis, _start, _last, _remaining) = (value.Analysis, now, double.NegativeInfinity, new RemainingTime());
        }
        var remaining = _remaining.Update(value, now);
        bool final = value.Done >= value.Total;
        if (!final && now - _last < minimumSeconds) return;
        _last = now;
        update(Render(value, now - _start, remaining));
    }

    /// <summary>
    /// The HTML of one state. While running: a bar over the work, the units and work done, the elapsed and remaining time, and the
    /// running detail. Once every unit is done: a full bar and <c>finished: 32/32 units, 9,600 member-steps in 1 min 26 s</c> (the
    /// member-steps when all were counted), with the last detail, so that a notebook's saved output never shows a frozen
    /// "estimating the time left".
    /// </summary>
    public static string Render(AnalysisProgress p, double seconds, TimeSpan? remaining = null)
    {
        bool final = p.Done >= p.Total;
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        string state = final
            ? $"finished: {p.Done}/{p.Total} units" +
              (p.WorkTotal > 0 && p.WorkDone >= p.WorkTotal ? $", {p.WorkTotal.ToString("N0", invariant)} member-steps" : "") +
              $" in {Duration(seconds)}"
            : $"{RemainingTime.Describe(p)}, {TimeSpan.FromSeconds(Math.Round(seconds)):c} elapsed, {RemainingTime.Format(remaining)}";
        return $"<div style=\"font-family:monospace\"><b>{WebUtility.HtmlEncode(p.Analysis)}</b> " +
               $"<progress value=\"{(final ? "1" : p.Progress.ToString("0.####", invariant))}\" max=\"1\" style=\"width:240px\"></progress> " +
               $"{WebUtility.HtmlEncode(state)}<br/>{WebUtility.HtmlEncode(p.Detail)}" +
               (p.Note is { } note ? $"<br/><i>{WebUtility.HtmlEncode(note)}</i>" : "") + "</div>";
    }

    /// <summary>A duration in words: <c>45 s</c>, <c>1 min 26 s</c>, <c>2 h 05 min</c>.</summary>
    public static string Duration(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Max(0, Math.Round(seconds)));
        return t.TotalMinutes < 1 ? $"{t.Seconds} s"
            : t.TotalHours < 1 ? $"{t.Minutes} min {t.Seconds:00} s"
            : $"{(int)t.TotalHours} h {t.Minutes:00} min";
    }
}

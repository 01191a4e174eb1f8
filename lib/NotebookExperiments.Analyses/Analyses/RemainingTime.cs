using System.Globalization;

namespace NotebookExperiments.Analyses;

/// <summary>
/// Estimates the time an analysis still needs from the rate of work done since the first report it saw (work found finished
/// in the result store does not count as fast progress): remaining = (planned − done) / (done since start / seconds since start).
/// </summary>
public sealed class RemainingTime
{
    /// <summary>Seconds of observation before an estimate is given (the first steps include warm-up).</summary>
    public const double MinimumSeconds = 3;

    private double _startSeconds = double.NaN, _startWork;

    /// <summary>The estimated time left at <paramref name="seconds"/> (a clock of the caller's), or null while it cannot be estimated.</summary>
    public TimeSpan? Update(AnalysisProgress progress, double seconds)
    {
        double work = progress.Progress;
        if (double.IsNaN(_startSeconds))
        {
            (_startSeconds, _startWork) = (seconds, work);
            return null;
        }
        if (work >= 1) return TimeSpan.Zero;
        double elapsed = seconds - _startSeconds, done = work - _startWork;
        if (elapsed < MinimumSeconds || done <= 0) return null;
        return TimeSpan.FromSeconds(Math.Round((1 - work) * elapsed / done));
    }

    /// <summary><c>about 2 min 10 s left</c>, <c>about 1 h 05 min left</c>, or <c>estimating the time left</c>.</summary>
    public static string Format(TimeSpan? remaining) =>
        remaining is { } r ? $"about {ProgressView.Duration(r.TotalSeconds)} left" : "estimating the time left";

    /// <summary>The progress in words: units, the share of the work and its unit, e.g. <c>3/16 units, 41 % of 28,800 member-steps</c>.</summary>
    public static string Describe(AnalysisProgress progress) =>
        $"{progress.Done}/{progress.Total} units, " +
        (progress.WorkTotal > 0
            ? $"{(100 * progress.Progress).ToString("0", CultureInfo.InvariantCulture)} % of {progress.WorkTotal.ToString("N0", CultureInfo.InvariantCulture)} member-steps"
            : $"{(100 * progress.Progress).ToString("0", CultureInfo.InvariantCulture)} %");
}

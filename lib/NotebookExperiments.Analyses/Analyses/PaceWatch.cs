using System.Globalization;
using NotebookExperiments.Native;

namespace NotebookExperiments.Analyses;

/// <summary>
/// Watches the pace of a run against its plan and says, for its progress line, why it falls behind: the other runs and processes
/// on the cores (<see cref="CoreShareState"/>), or that nothing else is seen running here.
/// </summary>
/// <remarks>
/// The pace is the work done (member-steps) over the last <see cref="WindowSeconds"/>, measured once at least
/// <see cref="MinimumSeconds"/> have passed; it is "far behind" when a member-step takes more than <see cref="SlowFactor"/> times the
/// planned time (the warm-up's, <see cref="PlanEstimate"/>). Without a plan (a notebook), the line still says when the run shares
/// the cores.
/// </remarks>
/// <param name="plannedSecondsPerStep">Seconds per member-step the plan expects, or null without a plan.</param>
/// <param name="clock">Seconds on a monotonic clock.</param>
public sealed class PaceWatch(double? plannedSecondsPerStep, Func<double> clock)
{
    /// <summary>How many times slower than planned a run must be to say why.</summary>
    public const double SlowFactor = 1.5;

    /// <summary>Seconds of observation before the pace is judged.</summary>
    public const double MinimumSeconds = 20;

    /// <summary>The span of the pace: the work of the last minute.</summary>
    public const double WindowSeconds = 60;

    private readonly Queue<(double Time, double Work)> _samples = new();

    /// <summary>A watch of <paramref name="plan"/>'s pace (none when it has no measured time) on the system's clock.</summary>
    public static PaceWatch For(PlanEstimate? plan) => new(
        plan is { Seconds: > 0, MemberSteps: > 0 } p && double.IsFinite(p.Seconds) ? p.Seconds / p.MemberSteps : null,
        () => System.Diagnostics.Stopwatch.GetTimestamp() / (double)System.Diagnostics.Stopwatch.Frequency);

    /// <summary>Records the work done so far (member-steps, including work found finished).</summary>
    public void Observe(double work)
    {
        double now = clock();
        _samples.Enqueue((now, work));
        while (_samples.Count > 2 && now - _samples.Peek().Time > WindowSeconds) _samples.Dequeue();
    }

    /// <summary>Seconds per member-step over the window, or null before <see cref="MinimumSeconds"/> or while no work was done.</summary>
    public double? SecondsPerStep
    {
        get
        {
            if (_samples.Count < 2) return null;
            var (t0, w0) = _samples.Peek();
            var (t1, w1) = _samples.Last();
            return t1 - t0 >= MinimumSeconds && w1 > w0 ? (t1 - t0) / (w1 - w0) : null;
        }
    }

    /// <summary>Whether a member-step takes more than <see cref="SlowFactor"/> times the planned time (false without a plan or before <see cref="MinimumSeconds"/>).</summary>
    public bool IsBehind => plannedSecondsPerStep is double planned && SecondsPerStep is double observed && observed > SlowFactor * planned;

    /// <summary>
    /// What the progress line adds: <c>3.2× slower than planned: 1 of 2 threads: 1 other run here</c> when the run is far behind its
    /// plan (with <c>nothing else seen running here</c> when the cores look free), the sharing alone when the run shares the cores,
    /// otherwise null.
    /// </summary>
    /// <param name="share">The share of the cores at its last check, or null when unknown.</param>
    public string? Note(CoreShareState? share)
    {
        string sharing = share?.Describe() ?? "";
        if (IsBehind)
            return string.Create(CultureInfo.InvariantCulture, $"{SecondsPerStep!.Value / plannedSecondsPerStep!.Value:0.0}× slower than planned: ") +
                   (sharing.Length > 0 ? sharing : "nothing else seen running here");
        return share is { Shared: true } ? "sharing the cores: " + sharing : null;
    }
}

namespace NotebookExperiments.Analyses;

/// <summary>
/// Which training steps of a warm-up a plan times, and what it takes from them (<see cref="JobTimer"/>): after
/// <see cref="WarmUpSteps"/> steps, the timing starts at the first step during which the runtime compiled nothing, or at the
/// first step once the warm-up has lasted <see cref="MaximumWarmUpSeconds"/>; then <see cref="TimedSteps"/> steps in a row are
/// timed. Compiling only ever slows a step, so the time taken is the <see cref="Fastest"/> timed step; the <see cref="Spread"/>
/// (median against fastest) says whether most timed steps were slowed, by a load this process cannot see.
/// </summary>
internal sealed class StepSelection
{
    /// <summary>Steps never timed, whatever was compiled during them.</summary>
    public const int WarmUpSteps = 2;

    /// <summary>Steps timed once the timing has started.</summary>
    public const int TimedSteps = 3;

    /// <summary>How long the warm-up waits for a step with nothing compiled before it times the steps anyway.</summary>
    public const double MaximumWarmUpSeconds = 3;

    private readonly List<double> _timed = [];
    private int _steps;

    /// <summary>Whether enough steps are timed.</summary>
    public bool Done => _timed.Count >= TimedSteps;

    /// <summary>Records the next step.</summary>
    /// <param name="seconds">The step's time.</param>
    /// <param name="compiledNothing">Whether the runtime compiled no method during the step.</param>
    /// <param name="warmUpSeconds">The time since the warm-up began, at the end of the step.</param>
    public void Add(double seconds, bool compiledNothing, double warmUpSeconds)
    {
        if (Done) throw new InvalidOperationException($"{TimedSteps} steps are timed already.");
        bool started = _timed.Count > 0 || _steps >= WarmUpSteps && (compiledNothing || warmUpSeconds >= MaximumWarmUpSeconds);
        if (started) _timed.Add(seconds);
        _steps++;
    }

    /// <summary>The fastest timed step, in seconds.</summary>
    public double Fastest => Done ? _timed.Min() : throw new InvalidOperationException("The timing has not finished.");

    /// <summary>The median timed step over the fastest (1 when they agree).</summary>
    public double Spread => Done ? _timed.Order().ElementAt(_timed.Count / 2) / Fastest : throw new InvalidOperationException("The timing has not finished.");
}

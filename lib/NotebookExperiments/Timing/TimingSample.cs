namespace NotebookExperiments.Timing;

/// <summary>
/// The timings of one <see cref="TimedCase"/>: seconds per operation in each round of an <see cref="InterleavedRunner"/> run,
/// one value per timed block.
/// </summary>
internal sealed class TimingSample(string name, IReadOnlyList<double> secondsPerOperation, int invocationsPerBlock, int run)
{
    /// <summary>The case's name.</summary>
    public string Name { get; } = name;

    /// <summary>Seconds per operation, one value per round, in round order.</summary>
    public IReadOnlyList<double> SecondsPerOperation { get; } = secondsPerOperation;

    /// <summary>Identifies the runner call that timed it: only samples of the same run share rounds.</summary>
    public int Run { get; } = run;

    /// <summary>Invocations timed together in each block.</summary>
    public int InvocationsPerBlock { get; } = invocationsPerBlock;

    /// <summary>Median and quartiles of the seconds per operation over the rounds.</summary>
    public Distribution Seconds { get; } = Distribution.Of(secondsPerOperation);

    /// <summary>
    /// This case's time per operation divided by the baseline's, round by round (both were timed in the same round, back to
    /// back, so a slow period of the machine affects both), summarised over the rounds.
    /// </summary>
    /// <exception cref="ArgumentException">The two samples were not timed in the same run.</exception>
    public Distribution RatioTo(TimingSample baseline)
    {
        if (baseline.Run != Run || baseline.SecondsPerOperation.Count != SecondsPerOperation.Count)
            throw new ArgumentException($"'{Name}' and '{baseline.Name}' were not timed in the same rounds.", nameof(baseline));
        return Distribution.Of(SecondsPerOperation.Select((s, i) => s / baseline.SecondsPerOperation[i]));
    }
}

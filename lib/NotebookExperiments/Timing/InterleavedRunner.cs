using System.Diagnostics;

namespace NotebookExperiments.Timing;

/// <summary>
/// Times several cases in interleaved rounds: every case is warmed up, its invocations per block are calibrated, and then
/// each round times one block of every case back to back (the order rotating from round to round), so that ratios between
/// cases compare blocks timed within moments of each other even when the machine's load drifts.
/// </summary>
internal static class InterleavedRunner
{
    private static int _runs;

    /// <summary>Runs the plan and returns one sample per case, in the order of <paramref name="cases"/>.</summary>
    /// <param name="cases">The cases.</param>
    /// <param name="plan">Warm-up, rounds and block duration.</param>
    /// <param name="log">Receives a line per phase (progress for a human; may be null).</param>
    public static IReadOnlyList<TimingSample> Run(IReadOnlyList<TimedCase> cases, RunPlan plan, Action<string>? log = null)
    {
        if (cases.Count == 0) return [];
        int run = Interlocked.Increment(ref _runs);
        var invocations = new int[cases.Count];
        for (int c = 0; c < cases.Count; c++)
        {
            log?.Invoke($"warm-up: {cases[c].Name}");
            invocations[c] = Calibrate(cases[c], plan);
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var seconds = cases.Select(_ => new double[plan.Rounds]).ToArray();
        for (int round = 0; round < plan.Rounds; round++)
        {
            log?.Invoke($"round {round + 1}/{plan.Rounds}");
            for (int i = 0; i < cases.Count; i++)
            {
                int c = (round + i) % cases.Count;
                var timed = cases[c];
                long start = Stopwatch.GetTimestamp();
                for (int k = 0; k < invocations[c]; k++) timed.Invoke();
                double elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
                seconds[c][round] = elapsed / ((double)invocations[c] * timed.OperationsPerInvocation);
            }
        }
        return cases.Select((timed, c) => new TimingSample(timed.Name, seconds[c], invocations[c], run)).ToList();
    }

    /// <summary>Warms a case up and returns how many invocations fill a block.</summary>
    private static int Calibrate(TimedCase timed, RunPlan plan)
    {
        var durations = new List<double>();
        var clock = Stopwatch.StartNew();
        while (durations.Count < plan.WarmupInvocations || clock.Elapsed < plan.WarmupTime)
        {
            long start = Stopwatch.GetTimestamp();
            timed.Invoke();
            durations.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        // The first invocations pay for first-use initialisation: estimate from the median of the later half.
        var settled = durations.Skip(durations.Count / 2).Order().ToList();
        double typical = settled[settled.Count / 2];
        double wanted = plan.BlockTime.TotalSeconds / Math.Max(typical, 1e-9);
        return (int)Math.Clamp(Math.Ceiling(wanted), 1, RunPlan.MaxInvocationsPerBlock);
    }
}

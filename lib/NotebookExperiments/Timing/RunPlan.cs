namespace NotebookExperiments.Timing;

/// <summary>How long to warm up and how many timed blocks to run.</summary>
/// <param name="WarmupInvocations">Untimed invocations of each case before any timing (at least this many).</param>
/// <param name="WarmupTime">And at least this long per case: TorchSharp's first calls allocate and initialise kernels.</param>
/// <param name="Rounds">Timed rounds; each round times one block of every case, back to back.</param>
/// <param name="BlockTime">The target duration of a block: a case's invocations per block are chosen from its warm-up
/// timings so that a block lasts about this long (at least one invocation).</param>
public sealed record RunPlan(int WarmupInvocations, TimeSpan WarmupTime, int Rounds, TimeSpan BlockTime)
{
    /// <summary>The most invocations put in one block, whatever the calibration says.</summary>
    public const int MaxInvocationsPerBlock = 100_000;

    /// <summary>Milliseconds-scale work (matrix products, training steps), full run.</summary>
    public static RunPlan Fast { get; } = new(5, TimeSpan.FromSeconds(0.5), 15, TimeSpan.FromSeconds(0.2));

    /// <summary>Matrix products alone (steady, so shorter blocks), full run.</summary>
    public static RunPlan Matmul { get; } = new(5, TimeSpan.FromSeconds(0.3), 15, TimeSpan.FromSeconds(0.1));

    /// <summary>Milliseconds-scale work, <c>--quick</c>.</summary>
    public static RunPlan FastQuick { get; } = new(2, TimeSpan.FromSeconds(0.1), 5, TimeSpan.FromSeconds(0.05));

    /// <summary>Work of a second or more per invocation (the gradient study), full run.</summary>
    public static RunPlan Slow { get; } = new(1, TimeSpan.Zero, 7, TimeSpan.Zero);

    /// <summary>Work of a second or more per invocation, <c>--quick</c>.</summary>
    public static RunPlan SlowQuick { get; } = new(1, TimeSpan.Zero, 3, TimeSpan.Zero);
}

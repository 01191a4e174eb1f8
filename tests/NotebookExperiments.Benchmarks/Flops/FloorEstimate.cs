namespace NotebookExperiments.Benchmarks.Flops;

/// <summary>
/// The FLOP floor of a computation: the time its matrix products alone take when each runs in isolation at the speed
/// measured for its shape (no element-wise work, no allocation, no framework overhead), so no implementation on this
/// machine and thread count can be expected to do the whole computation faster.
/// </summary>
/// <param name="Flops">Floating-point operations of the matrix products.</param>
/// <param name="Seconds">The sum over the products of their measured median times.</param>
internal sealed record FloorEstimate(double Flops, double Seconds)
{
    /// <summary>The computation's matrix-product FLOPs per second at the floor.</summary>
    public double GflopsPerSecond => Flops / Seconds / 1e9;

    /// <summary>The floor of <paramref name="count"/> independent repetitions.</summary>
    public FloorEstimate Times(double count) => new(Flops * count, Seconds * count);
}

namespace NotebookExperiments.Benchmarks.Flops;

/// <summary>One matrix product of a larger computation, named by where it comes from.</summary>
/// <param name="Source">Where it comes from, e.g. <c>encoder1</c> or <c>loss table X·Aᵀ</c>.</param>
/// <param name="Pass">Forward, weight gradient or input gradient.</param>
/// <param name="Shape">The product.</param>
internal sealed record MatmulTerm(string Source, MatmulPass Pass, MatmulShape Shape)
{
    /// <summary>E.g. <c>encoder1 forward</c>.</summary>
    public string Label => Pass switch
    {
        MatmulPass.Forward => $"{Source} forward",
        MatmulPass.WeightGradient => $"{Source} ∂W",
        MatmulPass.InputGradient => $"{Source} ∂x",
        _ => Source,
    };
}

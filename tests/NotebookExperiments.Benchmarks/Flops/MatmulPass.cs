namespace NotebookExperiments.Benchmarks.Flops;

/// <summary>Which part of a layer's work a matrix product is.</summary>
internal enum MatmulPass
{
    /// <summary>The forward product <c>x·W</c>.</summary>
    Forward,

    /// <summary>The weight gradient <c>xᵀ·g</c>.</summary>
    WeightGradient,

    /// <summary>The input gradient <c>g·Wᵀ</c>.</summary>
    InputGradient,
}

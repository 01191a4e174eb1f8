namespace NotebookExperiments.Training;

/// <summary>How a training step is computed. Both compute the same mathematics; they differ in speed and in rounding only.</summary>
public enum StepKernels
{
    /// <summary>
    /// The fast paths: the linear layers' own backward node (<see cref="Models.StackedLinear"/>: per-shape products, weight
    /// gradients accumulated in place) and the one-pass host Adam kernel (<see cref="StackedAdam"/>). The default.
    /// </summary>
    Fused,

    /// <summary>
    /// Autograd's formulas for <c>bmm</c> and Adam written in tensor operations: the baseline that the benchmarks time the
    /// fast paths against and that the tests compare them with.
    /// </summary>
    Reference,
}

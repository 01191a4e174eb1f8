using Microsoft.Data.Analysis;
using NotebookExperiments.Gradients;

namespace NotebookExperiments.Analyses;

/// <summary>One unit of the batch-size view: one estimator at one temperature, its error at every batch size.</summary>
/// <param name="Estimator">The family's title.</param>
/// <param name="Spec">The spec at this temperature.</param>
/// <param name="Tau">The temperature.</param>
/// <param name="Errors">One entry per batch size, in the parameters' order.</param>
public sealed record BatchSizeUnit(string Estimator, string Spec, double Tau, IReadOnlyList<BatchSizeError> Errors);

/// <summary>The batch-size view: its table and one line that says what was measured.</summary>
/// <param name="Table">One row per (estimator, τ, B): <c>estimator</c>, <c>spec</c>, <c>tau</c>, <c>batch_size</c>, <c>batches</c>,
/// <c>samples</c>, <c>mse</c>, <c>mse_se</c>, <c>squared_bias</c>, <c>variance</c>, <c>exact_squared_norm</c>, <c>relative_mse</c> (MSE over
/// ‖g*‖²) and <c>vs_st_gs</c> (MSE over ST-GS's at the same τ and B; NaN without an ST-GS row) (<see cref="BatchSizeError"/>).</param>
/// <param name="Description">The checkpoint, the pool and the estimates, for subtitles.</param>
public sealed record BatchSizeResult(DataFrame Table, string Description);

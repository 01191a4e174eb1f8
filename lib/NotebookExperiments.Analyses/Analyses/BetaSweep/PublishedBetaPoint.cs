using NotebookExperiments.Published;

namespace NotebookExperiments.Analyses;

/// <summary>One published point of the β sweep of ReinMax-RK2 (data/published/beta-sweep.csv).</summary>
/// <param name="Configuration">C×L (<c>8x4</c>: the only configuration published).</param>
/// <param name="Estimator">The catalogue name of the estimator: <c>reinmax-rk2</c>, the authors' form.</param>
/// <param name="Beta">β.</param>
/// <param name="Tau">τ.</param>
/// <param name="TrainElbo">Final train −ELBO in nats, mean ± standard error over seeds (the standard error is NaN for β ≤ 0.45, the
/// collapse level 214.41, where the source's standard error, 0.0015–0.0043, is below the rounding of the mean to 0.01).</param>
/// <param name="Epochs">Training epochs (50).</param>
/// <param name="Note">Caveats from the source, or empty.</param>
public sealed record PublishedBetaPoint(string Configuration, string Estimator, double Beta, double Tau, PublishedValue TrainElbo, int Epochs, string Note);

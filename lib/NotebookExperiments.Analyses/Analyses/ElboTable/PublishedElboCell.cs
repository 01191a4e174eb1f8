using NotebookExperiments.Published;

namespace NotebookExperiments.Analyses;

/// <summary>One published cell of the −ELBO table (data/published/elbo-table.csv).</summary>
/// <param name="Configuration">C×L as our configurations name it, e.g. <c>8x4</c>.</param>
/// <param name="Estimator">The row of our −ELBO table it stands beside (<c>GR-MC100</c> for the published GR-MCK).</param>
/// <param name="PublishedName">The row's name in the published table.</param>
/// <param name="TrainElbo">Final train −ELBO in nats, mean ± standard error over seeds.</param>
/// <param name="Epochs">Training epochs (160).</param>
/// <param name="Note">Caveats from the source (fewer seeds, unstable, the learning rate run), or empty.</param>
public sealed record PublishedElboCell(string Configuration, string Estimator, string PublishedName, PublishedValue TrainElbo, int Epochs, string Note);

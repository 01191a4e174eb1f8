using NotebookExperiments.Published;

namespace NotebookExperiments.Analyses;

/// <summary>One published cosine of the bias/variance study over checkpoints (data/published/bias-variance-cosine.csv).</summary>
/// <param name="Configuration">C×L (<c>8x4</c>).</param>
/// <param name="Estimator">Our spec of the estimator, as in <c>BiasVarianceParameters.PaperEstimators</c> (e.g. <c>gr-mc:k=100,tau=1</c>
/// for the published GR).</param>
/// <param name="Title">Our title of the estimator (e.g. <c>GR-MC100</c>).</param>
/// <param name="PublishedName">Its name in the source (e.g. <c>GR</c>).</param>
/// <param name="Epoch">The checkpoint's epoch.</param>
/// <param name="Cosine">Cosine with the exact gradient, mean ± standard error over seeds, as the authors' plotting script computes
/// them from their result files (which hold cosines of the mean of 512 estimates).</param>
/// <param name="Note">Caveats from the source, or empty.</param>
public sealed record PublishedCosinePoint(string Configuration, string Estimator, string Title, string PublishedName, int Epoch, PublishedValue Cosine, string Note);

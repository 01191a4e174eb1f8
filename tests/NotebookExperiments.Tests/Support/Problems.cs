using NotebookExperiments.Estimators;
using NotebookExperiments.Gradients;
using static TorchSharp.torch;

namespace NotebookExperiments.Tests.Support;

/// <summary>Small seeded problems for estimator tests: a synthetic objective and logits, float64.</summary>
internal sealed record Problem(SyntheticObjective Objective, Tensor Logits)
{
    public static Problem Create(SyntheticObjectiveKind kind, int categories = 4, int latents = 2, int batch = 2, long seed = 7, double scale = 1.0)
    {
        var objective = SyntheticObjective.Create(kind, categories, latents, seed);
        using var generator = new Generator((ulong)seed + 100);
        return new Problem(objective, objective.RandomLogits(batch, generator, scale).DetachFromDisposeScope());
    }

    public LatentObjective F => Objective.Evaluate;

    public Tensor Exact => GradientSampler.Exact(Logits, F).Gradient;

    public GradientEstimates Sample(IGradientEstimator estimator, int samples, ulong seed = 1)
    {
        using var generator = new Generator(seed);
        return GradientSampler.Sample(estimator, Logits, F, samples, generator);
    }

    /// <summary>
    /// Draws <c>[n, ...]</c> summarised as <see cref="GradientSampler.Sample"/> summarises them (mean, sample std with N − 1, and
    /// the mean squared error to <paramref name="reference"/> when given), for statistics of paired or otherwise derived draws.
    /// </summary>
    public static GradientEstimates Summarise(Tensor draws, Tensor? reference = null)
    {
        var d = draws.to(ScalarType.Float64);
        double? mse = reference is null ? null : (d - reference.to(ScalarType.Float64)).square().sum().item<double>() / d.shape[0];
        return new GradientEstimates(d.mean([0]).DetachFromDisposeScope(), d.std([0]).DetachFromDisposeScope(), d.shape[0], mse);
    }

    /// <summary>Estimates [n, batch, L, C] drawn with a fresh generator of the given seed.</summary>
    public Tensor Draw(IGradientEstimator estimator, int samples, ulong seed = 1)
    {
        using var generator = new Generator(seed);
        return GradientSampler.Draw(estimator, Logits, F, samples, generator);
    }
}

using NotebookExperiments.Estimators;
using static TorchSharp.torch;

namespace NotebookExperiments.Gradients;

/// <summary>
/// N estimates of estimators on one synthetic problem (<see cref="SyntheticObjective"/> and random logits), compared with the
/// exact gradient (<see cref="GradientStatistics"/>): what <c>estimator-stats</c> prints and what a notebook checks a new
/// estimator with.
/// </summary>
/// <remarks>
/// One seed fixes everything, and every estimator is measured on the same problem with the same draws: the objective's
/// coefficients come from <see cref="Seed"/>, the logits from a generator seeded <c>Seed + 1</c>, and each estimator's draws
/// from its own generator seeded <c>Seed + 2</c>. So an estimator defined to equal another (a variant at its special case)
/// gives the same numbers to the last digit.
/// </remarks>
/// <param name="Kind">The synthetic objective: linear, quadratic or a small MLP.</param>
/// <param name="Categories">Classes per variable C (at least 2).</param>
/// <param name="Latents">Number of variables L (at least 1).</param>
/// <param name="Samples">Estimates N per estimator (at least 2).</param>
/// <param name="Batch">Independent problems (rows of logits) sharing the objective (at least 1).</param>
/// <param name="Seed">The seed of the objective, the logits and every draw.</param>
/// <param name="LogitScale">Standard deviation of the random logits (positive).</param>
public sealed record SyntheticStudy(
    SyntheticObjectiveKind Kind, int Categories = 8, int Latents = 4, int Samples = 1000, int Batch = 1, long Seed = 0, double LogitScale = 1.0)
{
    /// <summary>The device the problem and the draws live on; default the CPU.</summary>
    public Device? Device { get; init; }

    /// <summary>Checks the sizes and the scale.</summary>
    /// <exception cref="ArgumentException">A value out of range; the message names it and says what is accepted.</exception>
    public void Validate()
    {
        if (Categories < 2) throw new ArgumentException($"C must be at least 2, not {Categories}.", "categories");
        if (Latents < 1) throw new ArgumentException($"L must be at least 1, not {Latents}.", "latents");
        if (Samples < 2) throw new ArgumentException($"N must be at least 2 (a spread needs two estimates), not {Samples}.", "samples");
        if (Batch < 1) throw new ArgumentException($"The batch must be at least 1, not {Batch}.", "batch");
        if (!(LogitScale > 0) || !double.IsFinite(LogitScale)) throw new ArgumentException($"The logit scale must be finite and > 0, not {LogitScale}.", "logitScale");
    }

    /// <summary>N estimates of <paramref name="estimator"/> compared with the exact gradient.</summary>
    public GradientStatistics Measure(IGradientEstimator estimator)
    {
        Validate();
        using var scope = NewDisposeScope();
        var device = Device ?? CPU;
        var objective = SyntheticObjective.Create(Kind, Categories, Latents, Seed, device: device);
        using var logitGenerator = new Generator((ulong)Seed + 1, device);
        var logits = objective.RandomLogits(Batch, logitGenerator, LogitScale);
        using var generator = new Generator((ulong)Seed + 2, device);
        return GradientStatistics.Measure(estimator, logits, objective.Evaluate, Samples, generator);
    }

    /// <summary>The statistics of every spec, in order, built by <paramref name="catalog"/> (default: <see cref="EstimatorCatalog.Default"/>).</summary>
    /// <exception cref="EstimatorSpecException">A spec is invalid.</exception>
    public IReadOnlyList<GradientStatistics> Measure(IEnumerable<string> specs, EstimatorCatalog? catalog = null) =>
        specs.Select(s => (catalog ?? EstimatorCatalog.Default).Create(s)).ToList().Select(Measure).ToList();
}

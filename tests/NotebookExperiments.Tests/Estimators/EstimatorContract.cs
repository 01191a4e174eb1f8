using NotebookExperiments.Estimators;
using NotebookExperiments.Gradients;
using NotebookExperiments.Tests.Support;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NotebookExperiments.Tests.Estimators;

/// <summary>
/// The checks every estimator of a catalogue passes, whatever its formula, as Math.NET runs every distribution through
/// shared checks: the specs they run are the entries' <see cref="EstimatorDefinition.Examples"/>, so a new entry is covered by
/// being in the catalogue (<see cref="CatalogueContractTests"/>).
/// </summary>
internal static class EstimatorContract
{
    /// <summary>Every example spec of every entry of <paramref name="catalog"/>, with its entry.</summary>
    public static IEnumerable<(EstimatorDefinition Definition, string Spec)> Examples(EstimatorCatalog catalog) =>
        catalog.Definitions.SelectMany(d => d.Examples.Select(spec => (d, spec)));

    /// <summary>How many forward-law tests a catalogue runs: the Bonferroni family of <see cref="ForwardLaw"/>.</summary>
    public static int ForwardLawFamily(EstimatorCatalog catalog) => Examples(catalog).Count();

    /// <summary>
    /// The spec parses, builds, prints a spec that builds the same estimator again, and has a title (docs/estimators.md, A.13).
    /// </summary>
    public static void SpecRoundTrips(EstimatorCatalog catalog, EstimatorDefinition definition, string spec)
    {
        var estimator = catalog.Create(spec);
        var again = catalog.Create(estimator.Spec);
        Assert.Equal(estimator.Spec, again.Spec);
        Assert.Equal(estimator.GetType(), again.GetType());
        Assert.StartsWith(definition.Name, estimator.Spec, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(catalog.TitleOf(spec)), $"{spec}: no title");
        Assert.Equal(catalog.TitleOf(spec), catalog.TitleOf(estimator.Spec));
    }

    /// <summary>
    /// The forward samples follow Cat(softmax θ) whatever the parameters (docs/estimators.md, B.13): a chi-square test of the
    /// argmax of what the objective sees (the sample itself for hard estimators; for GS, argmax(θ + G) is the same law) at
    /// level <see cref="TestStatistics.FamilyAlpha"/> / <paramref name="family"/>. Exact enumeration draws nothing and is skipped.
    /// </summary>
    public static void ForwardLaw(IGradientEstimator estimator, int family)
    {
        if (estimator.ObjectiveEvaluations is null) return;
        const int n = 6_000, latents = 2, categories = 4;
        var theta = tensor(new[,] { { 0.9, -0.4, 0.1, -1.5 }, { -0.2, 0.3, 1.2, -0.8 } }).unsqueeze(0);
        var counts = zeros(latents, categories, dtype: ScalarType.Float64);
        LatentObjective recording = z =>
        {
            var drawn = functional.one_hot(z.detach().argmax(-1), categories).to(ScalarType.Float64);
            counts.add_(drawn.reshape(-1, latents, categories).sum([0]));
            return (z * 0).sum([-2, -1]);
        };
        using var generator = new Generator(17);
        var replicas = theta.expand(n, 1, latents, categories).clone().requires_grad_(true);
        estimator.Surrogate(replicas, recording, generator).sum().backward();
        BackwardRuleErrors.ThrowIfAny();

        var total = counts.sum([-1], keepdim: true);
        var expected = functional.softmax(theta[0], -1) * total;
        double chi2 = ((counts - expected).square() / expected).sum().item<double>();
        double critical = TestStatistics.ChiSquareUpperQuantile(TestStatistics.FamilyAlpha / family, latents * (categories - 1));
        Assert.True(chi2 <= critical, $"{estimator.Spec}: χ² = {chi2:G4} over {latents * (categories - 1)} dof exceeds {critical:G4}.");
    }

    /// <summary>
    /// Estimates are finite, not all zero, and lie in the tangent space of the simplex: every logit gradient sums to zero over
    /// the classes (docs/estimators.md, B.7), on a small MLP objective.
    /// </summary>
    public static void GradientsAreFiniteAndTangent(IGradientEstimator estimator)
    {
        var problem = Problem.Create(SyntheticObjectiveKind.Mlp, categories: 4, latents: 2);
        var grads = problem.Draw(estimator, 32);
        BackwardRuleErrors.ThrowIfAny();
        Assert.True(grads.isfinite().all().item<bool>(), $"{estimator.Spec}: a non-finite estimate.");
        var scale = grads.abs().max().item<double>();
        Assert.True(scale > 0, $"{estimator.Spec}: every estimate is zero.");
        var worst = grads.sum([-1]).abs().max().item<double>();
        Assert.True(worst <= 1e-12 * Math.Max(1, scale), $"{estimator.Spec}: a gradient row sums to {worst:G4}, not 0.");
    }

    /// <summary>
    /// What the objective sees is a point of the simplex, one-hot for hard estimators (docs/estimators.md, B.14), and the
    /// surrogate's value is f there (the mean over the M evaluations of a multi-evaluation estimator). Exact enumeration sees
    /// every state, not a sample, and is skipped (ExactEnumerationTests covers it).
    /// </summary>
    public static void ForwardValueIsASampleOfTheSimplex(IGradientEstimator estimator)
    {
        if (estimator.ObjectiveEvaluations is null) return;
        var seen = new List<Tensor>();
        var problem = Problem.Create(SyntheticObjectiveKind.Quadratic);
        LatentObjective recording = z => { seen.Add(z.detach().clone().DetachFromDisposeScope()); return problem.F(z); };
        using var generator = new Generator(3);
        var surrogate = estimator.Surrogate(problem.Logits.clone().requires_grad_(true), recording, generator);

        var z = Assert.Single(seen);
        GradientAssert.Close(ones(z.shape[..^1], dtype: z.dtype), z.sum([-1]), 1e-12, $"{estimator.Spec}: rows sum to one");
        Assert.True(z.min().item<double>() >= 0, $"{estimator.Spec}: negative latent entry");
        bool oneHot = (z.eq(0) | z.eq(1)).all().item<bool>();
        if (estimator is HardSampleEstimator) Assert.True(oneHot, $"{estimator.Spec}: the forward value is not one-hot.");
        var expected = problem.F(z);
        if (estimator.ObjectiveEvaluations > 1) expected = expected.mean([0]);
        GradientAssert.Close(expected, surrogate.detach(), 1e-12, $"{estimator.Spec}: surrogate value");
    }
}

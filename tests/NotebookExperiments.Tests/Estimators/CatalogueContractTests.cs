using NotebookExperiments.Estimators;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NotebookExperiments.Tests.Estimators;

/// <summary>
/// Every example spec of every entry of the built-in catalogue through <see cref="EstimatorContract"/>; and a built-in-style
/// estimator added as one class plus one catalogue entry, which the same checks then cover with nothing else written.
/// </summary>
public class CatalogueContractTests
{
    private static readonly EstimatorCatalog Catalog = EstimatorCatalog.Default;

    public static TheoryData<string> Specs()
    {
        var data = new TheoryData<string>();
        foreach (var (_, spec) in EstimatorContract.Examples(EstimatorCatalog.CreateBuiltIn())) data.Add(spec);
        return data;
    }

    private static EstimatorDefinition DefinitionOf(string spec) => Catalog.Find(EstimatorSpec.Parse(spec).Name);

    [Theory, MemberData(nameof(Specs))]
    public void SpecRoundTrips(string spec) => EstimatorContract.SpecRoundTrips(Catalog, DefinitionOf(spec), spec);

    [Theory, MemberData(nameof(Specs))]
    public void ForwardSamplesFollowTheSoftmaxOfTheLogits(string spec) =>
        EstimatorContract.ForwardLaw(Catalog.Create(spec), EstimatorContract.ForwardLawFamily(EstimatorCatalog.CreateBuiltIn()));

    [Theory, MemberData(nameof(Specs))]
    public void GradientsAreFiniteAndTangentToTheSimplex(string spec) =>
        EstimatorContract.GradientsAreFiniteAndTangent(Catalog.Create(spec));

    [Theory, MemberData(nameof(Specs))]
    public void TheObjectiveSeesAPointOfTheSimplex(string spec) =>
        EstimatorContract.ForwardValueIsASampleOfTheSimplex(Catalog.Create(spec));

    [Fact]
    public void EveryBuiltInHasAColourAndExamples()
    {
        Assert.All(EstimatorCatalog.CreateBuiltIn().Definitions, d =>
        {
            Assert.Matches("^#[0-9A-F]{6}$", d.Colour);
            Assert.NotEmpty(d.Examples);
        });
        // Entries and the parameterisations they colour apart (ReinMax-CV's authors' variants) all differ.
        var definitions = EstimatorCatalog.CreateBuiltIn().Definitions;
        Assert.All(definitions.SelectMany(d => d.InstanceColours.Values), c => Assert.Matches("^#[0-9A-F]{6}$", c));
        var colours = definitions.Select(d => d.Colour).Concat(definitions.SelectMany(d => d.InstanceColours.Values)).ToList();
        Assert.Equal(colours.Count, colours.Distinct().Count());
        // Every title coloured apart is the title of one of the entry's example specs.
        foreach (var d in definitions)
            Assert.All(d.InstanceColours.Keys, title => Assert.Contains(title, d.Examples.Select(EstimatorCatalog.Default.TitleOf)));
    }

    /// <summary>A built-in-style estimator as a researcher would add one: a class and its catalogue entry.</summary>
    private sealed class HalfStraightThrough(double tau) : HardSampleEstimator(tau)
    {
        public override string Spec => FormatSpec("test-half-st", ("tau", Tau));

        public override Tensor Backward(BackwardContext c) =>
            0.5 / Tau * SoftmaxJacobian.Vjp(functional.softmax(c.Logits / Tau, -1), c.Grad);
    }

    private static EstimatorDefinition HalfStraightThroughEntry() =>
        new("test-half-st", "Half-ST", "a test of the catalogue contract", [EstimatorParameter.Temperature()],
            a => new HalfStraightThrough(a.Real("tau")), "tau")
        {
            Colour = "#123456",
            ExampleSpecs = ["test-half-st:tau=0.5", "test-half-st"],
        };

    [Fact]
    public void ANewEstimatorIsCoveredByItsClassAndCatalogueEntryAlone()
    {
        var catalog = EstimatorCatalog.CreateBuiltIn();
        catalog.Register(HalfStraightThroughEntry());

        var covered = EstimatorContract.Examples(catalog).Where(e => e.Definition.Name == "test-half-st").Select(e => e.Spec).ToList();
        Assert.Equal(["test-half-st:tau=0.5", "test-half-st"], covered);
        foreach (var spec in covered)
        {
            EstimatorContract.SpecRoundTrips(catalog, catalog.Find("test-half-st"), spec);
            EstimatorContract.ForwardLaw(catalog.Create(spec), EstimatorContract.ForwardLawFamily(catalog));
            EstimatorContract.GradientsAreFiniteAndTangent(catalog.Create(spec));
            EstimatorContract.ForwardValueIsASampleOfTheSimplex(catalog.Create(spec));
        }
        Assert.Equal("Half-ST", catalog.TitleOf("test-half-st:tau=0.5"));
    }

    [Fact]
    public void TheContractCatchesABrokenEstimator()
    {
        // A rule whose gradient leaves the tangent space (it adds a constant to every class) must fail the contract.
        var catalog = EstimatorCatalog.CreateBuiltIn();
        var broken = new BackwardRuleEstimator("test-off-tangent", (pi, d, g, tau) => SoftmaxJacobian.Vjp(pi, g) + 0.1);
        catalog.Register(broken);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => EstimatorContract.GradientsAreFiniteAndTangent(catalog.Create("test-off-tangent")));
    }
}

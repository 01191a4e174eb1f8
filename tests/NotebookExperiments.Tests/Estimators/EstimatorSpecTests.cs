using NotebookExperiments.Estimators;

namespace NotebookExperiments.Tests.Estimators;

/// <summary>Spec strings: parsing, round trips, and errors that list what is accepted.</summary>
public class EstimatorSpecTests
{
    private static readonly EstimatorCatalog Catalog = EstimatorCatalog.CreateBuiltIn();

    [Fact]
    public void ParsesTheExamplesOfTheDocumentation()
    {
        var rk2 = Assert.IsType<ReinMaxRk2>(Catalog.Create("reinmax-rk2:beta=0.55,tau=1"));
        Assert.Equal(0.55, rk2.Beta);
        Assert.Equal(1.0, rk2.Tau);
        var gr = Assert.IsType<GumbelRao>(Catalog.Create("gr-mc:k=100,tau=0.5"));
        Assert.Equal((100, 0.5), (gr.K, gr.Tau));
        var cv = Assert.IsType<ReinMaxCv>(Catalog.Create("reinmax-cv:eta=0.7,tau2=0.1,k=100"));
        Assert.Equal((0.7, 0.1, 100), (cv.Eta, cv.Tau2, cv.K));
        Assert.Equal(4, Assert.IsType<ReinforceLeaveOneOut>(Catalog.Create("reinforce-loo:m=4")).M);
        Assert.Equal(1e-3, Assert.IsType<StraightThrough>(Catalog.Create(" ST : TAU = 1e-3 ")).Tau);
        Assert.Equal(12345, Assert.IsType<ExactEnumeration>(Catalog.Create("exact:max-states=12345")).MaxStates);
    }

    [Fact]
    public void DefaultsAreFilledIn()
    {
        var cv = Assert.IsType<ReinMaxCv>(Catalog.Create("reinmax-cv"));
        Assert.Equal((0.7, 0.1, 100), (cv.Eta, cv.Tau2, cv.K));
        Assert.Equal(1.0, Assert.IsType<GappedStraightThrough>(Catalog.Create("gst")).Gap);
    }

    [Fact]
    public void ReinMaxCvVariantsAreAParameterOfTheSameEstimator()
    {
        // The conditional variant keeps the spec it always had (stored results are keyed by it); the others add cv.
        Assert.Equal("reinmax-cv:eta=0.7,k=100,tau2=0.1", Catalog.Create("reinmax-cv:eta=0.7,tau2=0.1,k=100").Spec);
        Assert.Equal("reinmax-cv:eta=0.7,k=100,tau2=0.1", Catalog.Create("reinmax-cv:cv=conditional").Spec);
        var forward = Assert.IsType<ReinMaxCv>(Catalog.Create("reinmax-cv:cv=forward,eta=1.5,k=5"));
        Assert.Equal((ReinMaxCvControlVariate.Forward, 1.5, 0.1, 5), (forward.ControlVariate, forward.Eta, forward.Tau2, forward.K));
        Assert.Equal("reinmax-cv:cv=forward,eta=1.5,k=5,tau2=0.1", forward.Spec);
        Assert.Equal(ReinMaxCvControlVariate.Code, Assert.IsType<ReinMaxCv>(Catalog.Create("reinmax-cv:CV=Code")).ControlVariate);

        Assert.Equal("ReinMax-CV", Catalog.TitleOf("reinmax-cv"));
        Assert.Equal("ReinMax-CV (authors' forward noise)", Catalog.TitleOf("reinmax-cv:cv=forward"));
        Assert.Equal("ReinMax-CV (authors' code)", Catalog.TitleOf("reinmax-cv:cv=code,tau2=1"));
        // The temperature study sets τ₂ and keeps the variant.
        Assert.Equal("reinmax-cv:cv=code,eta=0.7,k=100,tau2=0.5", Catalog.WithTemperature("reinmax-cv:cv=code", 0.5));
    }

    [Fact]
    public void AnUnknownNameListsEveryEstimatorOfTheCatalogue()
    {
        var e = Assert.Throws<EstimatorSpecException>(() => Catalog.Create("foo"));
        Assert.Equal($"Unknown estimator 'foo'. Accepted: {string.Join(", ", Catalog.Definitions.Select(d => d.Name))}.", e.Message);
        Assert.StartsWith("Unknown estimator 'foo'. Accepted: exact, reinforce-loo, st,", e.Message);
    }

    [Theory]
    [InlineData("st:temperature=1", "st: unknown parameter 'temperature'. Accepted: tau > 0, default 1.")]
    [InlineData("gr-mc:kk=3", "gr-mc: unknown parameter 'kk'. Accepted: k ≥ 1 (integer), default 100, tau > 0, default 1.")]
    [InlineData("zgr:tau=1", "zgr: unknown parameter 'tau'. zgr takes no parameters.")]
    [InlineData("st:tau=0", "st: tau must be > 0, not 0.")]
    [InlineData("reinmax:tau=-1", "reinmax: tau must be > 0, not -1.")]
    [InlineData("st:tau=NaN", "st: tau must be a finite number, not NaN.")]
    [InlineData("reinmax-rk2:beta=Infinity", "reinmax-rk2: beta must be a finite number, not Infinity.")]
    [InlineData("gr-mc:k=0", "gr-mc: k must be ≥ 1, not 0.")]
    [InlineData("gr-mc:k=2.5", "gr-mc: k must be an integer, not 2.5.")]
    [InlineData("reinforce-loo:m=1", "reinforce-loo: m must be ≥ 2, not 1.")]
    [InlineData("reinmax-cv:tau2=0", "reinmax-cv: tau2 must be > 0, not 0.")]
    [InlineData("reinmax-cv:cv=fresh", "reinmax-cv: 'fresh' is not a choice for 'cv'. Accepted: cv = conditional|forward|code.")]
    [InlineData("reinmax-cv:cvv=code", "reinmax-cv: unknown parameter 'cvv'. Accepted: eta (finite), default 0.7, tau2 > 0, default 0.1, k ≥ 1 (integer), default 100, cv = conditional|forward|code, default conditional.")]
    [InlineData("st:tau=abc", "st: 'abc' is not a number for 'tau'. Accepted: tau > 0.")]
    [InlineData("st:tau", "'st:tau': 'tau' is not a key=value pair.")]
    [InlineData("st:tau=1,tau=2", "'st:tau=1,tau=2': 'tau' is given twice.")]
    [InlineData("", "An estimator spec is empty.")]
    [InlineData("1st", "'1st': '1st' is not an estimator name")]
    public void BadSpecsGiveErrorsThatSayWhatIsAccepted(string spec, string expectedStart)
    {
        var e = Assert.Throws<EstimatorSpecException>(() => Catalog.Create(spec));
        Assert.StartsWith(expectedStart, e.Message);
    }

    [Fact]
    public void ConstructorsRejectOutOfRangeValues()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StraightThrough(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReinMax(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GumbelRao(1.0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReinforceLeaveOneOut(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReinMaxCv(double.PositiveInfinity));
    }

    [Fact]
    public void BuiltInsCannotBeReplacedButUserEstimatorsCan()
    {
        var catalog = EstimatorCatalog.CreateBuiltIn();
        Assert.Throws<ArgumentException>(() => catalog.Register(new BackwardRuleEstimator("st", (p, d, g, t) => g)));
        catalog.Register(new BackwardRuleEstimator("mine", (p, d, g, t) => g));
        catalog.Register(new BackwardRuleEstimator("mine", (p, d, g, t) => -g, tau: 2));
        Assert.Equal("mine:tau=2", catalog.Create("mine").Spec);
        Assert.Equal("mine:tau=0.5", catalog.Create("mine:tau=0.5").Spec);
        Assert.Single(catalog.Definitions, d => d.Name == "mine");
    }
}

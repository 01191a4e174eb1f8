using NotebookExperiments.Analyses;

namespace NotebookExperiments.Tests.Analyses;

/// <summary>Titles describe the parameters actually run, and call them the paper's protocol exactly when they are.</summary>
public class PresetTitleTests
{
    [Fact]
    public void TheQuickBetaSweepSaysWhatItRunsAndThatItIsNotThePapersProtocol()
    {
        var quick = BetaSweepParameters.Quick;
        Assert.Equal("quick preset — not the paper's protocol: 8x4; 12 values of β, 1 seed, 18 epochs on 10,000 training images, τ = 1", quick.Describe());

        // The paper's budget reached from the quick preset is not the paper's protocol while β and seeds are the quick ones …
        var budget = quick with { Epochs = 50, TrainSize = null };
        Assert.False(budget.IsPaperProtocol());
        Assert.Contains("50 epochs on 60,000 training images", budget.Describe(), StringComparison.Ordinal);
        // … and is once they are the paper's too, whatever preset it started from.
        var paperFromQuick = budget with { Betas = BetaSweepParameters.PaperBetas, Seeds = [0, 1, 2, 3, 4] };
        Assert.True(paperFromQuick.IsPaperProtocol());
        Assert.StartsWith("the paper's protocol: 8x4; 29 values of β, 5 seeds, 50 epochs on 60,000", paperFromQuick.Describe(), StringComparison.Ordinal);
        Assert.StartsWith("the paper's protocol: 8x4, 8x16, 4x24;", BetaSweepParameters.Paper.Describe(), StringComparison.Ordinal);
        Assert.StartsWith("paper preset with changes — not the paper's protocol", (BetaSweepParameters.Paper with { Epochs = 10 }).Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheBiasVarianceTitleCountsSeedsAndNamesTheProtocol()
    {
        Assert.StartsWith("the paper's protocol plus estimators not published (ZGR, ReinMax-CV, ReinMax-CV (authors' forward noise), " +
            "ReinMax-CV (authors' code)): 8x4 trained with reinmax:tau=1 for 50 epochs on 60,000 images, 10 seeds; 1024 estimates",
            BiasVarianceParameters.Paper.Describe(), StringComparison.Ordinal);
        var published = BiasVarianceParameters.Paper with { Estimators = BiasVarianceParameters.PublishedEstimators };
        Assert.StartsWith("the paper's protocol: 8x4", published.Describe(), StringComparison.Ordinal);
        Assert.StartsWith("quick preset — not the paper's protocol: 8x4 trained with reinmax:tau=1 for 6 epochs on 10,000 images, 5 seeds",
            BiasVarianceParameters.Quick.Describe(), StringComparison.Ordinal);
        Assert.False((BiasVarianceParameters.Paper with { Samples = 512 }).IsPaperProtocol());
    }

    [Fact]
    public void TheBiasVariancePaperProtocolIsThePublishedEstimatorsInAnySpellingPlusAnyOthers()
    {
        var paper = BiasVarianceParameters.Paper;
        // The analysis stores canonical specs (reinmax-cv:eta=0.7,k=100,tau2=0.1): still the paper's protocol, as --dry-run prints it.
        var normalised = new BiasVarianceStudy().Normalise(paper);
        Assert.NotEqual(paper.Estimators, normalised.Estimators);
        Assert.True(normalised.IsPaperProtocol());
        Assert.StartsWith("the paper's protocol plus estimators not published", normalised.Describe(), StringComparison.Ordinal);
        Assert.True(paper.WithControlVariateGrid().IsPaperProtocol());
        // Without one of the published estimators it is not.
        var withoutRao = paper with { Estimators = paper.Estimators.Where(s => !s.StartsWith("reinmax-rao", StringComparison.Ordinal)).ToList() };
        Assert.False(withoutRao.IsPaperProtocol());
        Assert.StartsWith("paper preset with changes — not the paper's protocol: ", withoutRao.Describe(), StringComparison.Ordinal);
        Assert.Equal(["zgr", "reinmax-cv:eta=0.7,tau2=0.1,k=100", "reinmax-cv:cv=forward,eta=0.7,tau2=0.1,k=100", "reinmax-cv:cv=code,eta=0.7,tau2=0.1,k=100"],
            paper.UnpublishedEstimators());
        // The published estimators are exactly those with published cosines.
        Assert.Equal(NotebookExperiments.Published.PublishedResults.BiasVarianceCosine.Select(p => p.Estimator).Distinct().Order(),
            BiasVarianceParameters.PublishedEstimators.Order());
    }
}

using NotebookExperiments.Analyses;
using NotebookExperiments.Published;
using NotebookExperiments.Training;

namespace NotebookExperiments.Tests.Published;

/// <summary>Comparability from the parameters run: the paper presets are comparable, quick runs and changed settings are not, and
/// each reason names what differs.</summary>
public class ComparabilityTests
{
    [Fact]
    public void ThePaperElboPresetIsComparableInEveryPublishedCellButTenByThirtySt()
    {
        var paper = ElboTableParameters.Paper;
        foreach (var cell in PublishedResults.ElboTable.Where(c => !(c.Configuration == "10x30" && c.Estimator == "ST")))
            Assert.True(Comparability.OfElboTableCell(paper, cell.Configuration, cell.Estimator).IsComparable, $"{cell.Estimator} on {cell.Configuration}");

        // The published 10×30 ST number was run at the published 7e-3; the preset runs 7e-4 (D.9).
        var st = Comparability.OfElboTableCell(paper, "10x30", "ST");
        Assert.Equal(["learning rate 0.0007 (published: 0.007)"], st.Reasons);
        var atPublishedRate = paper.WithLearningRate("10x30", "ST", ElboTableParameters.PublishedStLearningRate10x30);
        Assert.True(Comparability.OfElboTableCell(atPublishedRate, "10x30", "ST").IsComparable);
        Assert.Equal(ElboTableParameters.PublishedStLearningRate10x30, Comparability.PublishedElboSetting("10x30", "ST")!.LearningRate);

        // Any two or more seeds will do; ReinMax-CV has nothing published to be compared with.
        Assert.True(Comparability.OfElboTableCell(paper with { Seeds = [3, 7] }, "8x4", "ReinMax").IsComparable);
        Assert.Equal(["no published result for ReinMax-CV on 8x4"], Comparability.OfElboTableCell(paper, "8x4", "ReinMax-CV").Reasons);
        Assert.Null(Comparability.PublishedElboSetting("8x4", "ReinMax-CV"));
    }

    [Fact]
    public void TheQuickElboPresetIsNotComparableAndSaysWhy()
    {
        var quick = Comparability.OfElboTableCell(ElboTableParameters.Quick, "8x4", "ReinMax");
        Assert.False(quick.IsComparable);
        Assert.Equal(["3 epochs (published: 160)", "10,000 training images (published: 60,000)"], quick.Reasons);
        Assert.Equal("not at the published protocol: 3 epochs (published: 160); 10,000 training images (published: 60,000)", quick.Describe());

        var paper = ElboTableParameters.Paper;
        Assert.Equal(["batch 50 (published: 100)", "1 seed (a standard error needs 2)"],
            Comparability.OfElboTableCell(paper with { Seeds = [0], BatchSize = 50 }, "8x4", "ReinMax").Reasons);
        Assert.Equal(["ReinMax on 32x64 is not in the parameters run"],
            Comparability.OfElboTableCell(paper, "32x64", "ReinMax").Reasons);
    }

    [Fact]
    public void OtherHyperparametersThanThePublishedOnesAreNamed()
    {
        var paper = ElboTableParameters.Paper;
        var changed = paper with
        {
            Rows = paper.Rows.Select(r => r.Estimator != "ReinMax" ? r : r with
            {
                Settings = r.Settings.Select(s => s.Configuration != "8x4" ? s : new ElboTableSetting("8x4", "reinmax:tau=1", OptimizerKind.RAdam, 1e-3)).ToList(),
            }).ToList(),
        };
        Assert.Equal(["reinmax:tau=1 (published: reinmax:tau=1.3)", "RAdam (published: Adam)", "learning rate 0.001 (published: 0.0005)"],
            Comparability.OfElboTableCell(changed, "8x4", "ReinMax").Reasons);
        Assert.True(Comparability.OfElboTableCell(changed, "4x24", "ReinMax").IsComparable);
    }

    [Fact]
    public void TheBetaSweepIsComparableAtThePaperPresetOnEightByFourOnly()
    {
        Assert.True(Comparability.OfBetaSweep(BetaSweepParameters.Paper).IsComparable);
        // Any set of β and any two or more seeds: the comparison is point by point.
        Assert.True(Comparability.OfBetaSweep(BetaSweepParameters.Paper with { Betas = [0.5, 0.6], Seeds = [0, 1, 2] }).IsComparable);
        Assert.Equal(["18 epochs (published: 50)", "10,000 training images (published: 60,000)", "1 seed (a standard error needs 2)"],
            Comparability.OfBetaSweep(BetaSweepParameters.Quick).Reasons);
        Assert.Equal(["reinmax-rk2-trap (published: reinmax-rk2, the authors' form)", "τ = 1.3 (published: 1)"],
            Comparability.OfBetaSweep(BetaSweepParameters.Paper with { Estimator = "reinmax-rk2-trap", Tau = 1.3 }).Reasons);
        Assert.Equal(["RAdam (published: Adam)", "learning rate 0.001 (published: 0.0005)"],
            Comparability.OfBetaSweep(BetaSweepParameters.Paper with { Configurations = [new("8x4", OptimizerKind.RAdam, 1e-3)] }).Reasons);
        Assert.Equal(["8x4 is not in the parameters run"],
            Comparability.OfBetaSweep(BetaSweepParameters.Paper with { Configurations = [new("8x16", OptimizerKind.RAdam, 7e-4)] }).Reasons);
        Assert.Equal(["no published β sweep for 8x16"], Comparability.OfBetaSweep(BetaSweepParameters.Paper, "8x16").Reasons);
    }

    [Fact]
    public void TheBiasVarianceStudyIsComparableAtThePaperPresetWithTheCaptionsNumberOfEstimatesOnly()
    {
        var paper = BiasVarianceParameters.Paper;
        Assert.Equal(Comparability.PublishedCosineSampleCount, paper.Samples);
        Assert.True(Comparability.OfBiasVariance(paper).IsComparable);
        // The authors' checkpoint script drew 512; Fig. 1's caption says 1024, the count published and compared.
        Assert.Equal(["512 estimates (published: 1024, Fig. 1's caption)"], Comparability.OfBiasVariance(paper with { Samples = 512 }).Reasons);
        Assert.Equal(["256 estimates (published: 1024, Fig. 1's caption)"], Comparability.OfBiasVariance(paper with { Samples = 256 }).Reasons);
        var quick = BiasVarianceParameters.Quick;
        Assert.Contains($"{quick.Samples} estimates (published: 1024, Fig. 1's caption)", Comparability.OfBiasVariance(quick).Reasons);
        Assert.Contains($"{quick.Training.Epochs} epochs (published: 50)", Comparability.OfBiasVariance(quick).Reasons);
        Assert.Equal(["1 seed (a standard error needs 2)", "trained with st:tau=1 (published: reinmax:tau=1)", "the batch drawn among 5 (published: 10)"],
            Comparability.OfBiasVariance(paper with { Seeds = [4], Training = paper.Training with { Estimator = "st:tau=1" }, BatchPool = 5 }).Reasons);
    }

    [Fact]
    public void ACallersOwnVerdictNeedsAReason()
    {
        Assert.True(Comparability.Comparable.IsComparable);
        Assert.Equal("at the published protocol", Comparability.Comparable.Describe());
        Assert.Equal(["my own data"], Comparability.NotComparable("my own data").Reasons);
        Assert.Throws<ArgumentException>(() => Comparability.NotComparable());
        Assert.Throws<ArgumentException>(() => Comparability.NotComparable(" "));
    }
}

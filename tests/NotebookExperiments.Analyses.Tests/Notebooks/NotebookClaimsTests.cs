using Microsoft.DotNet.Interactive.Documents;
using System.Globalization;
using NotebookExperiments.Analyses;
using NotebookExperiments.Notebooks;
using NotebookExperiments.Published;

namespace NotebookExperiments.Tests.Notebooks;

/// <summary>
/// The sentences of the notebooks' prose that state a fact of a run or of the published numbers, checked against what they
/// state it of: the quick presets' budgets and the published data. What a run shows is not written in prose but printed by the
/// run (its reading); these are the facts the prose still names.
/// </summary>
public sealed class NotebookClaimsTests
{
    private static string Prose(string notebook) => string.Join("\n",
        NotebookFile.Read(Path.Combine(RepositoryRoot.Find()!, "notebooks", notebook)).Elements.Where(c => c.IsMarkdown).Select(c => c.Contents));

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture).Replace("-", "−", StringComparison.Ordinal);

    [Fact]
    public void NotebookOneNamesTheQuickBetas()
    {
        var betas = BetaSweepParameters.Quick.Betas;
        Assert.Contains($"{betas.Count} values of β ({string.Join(", ", betas.Select(Number))})", Prose("01-beta-sweep.ipynb"), StringComparison.Ordinal);
        Assert.DoesNotContain(0.45, betas);
    }

    [Fact]
    public void NotebookTwoNamesTheQuickTrainingBudget()
    {
        var quick = TemperatureStudyParameters.Quick;
        Assert.Contains($"training at τ ∈ {{{string.Join(", ", quick.TrainingTemperatures.Select(Number))}}}, {quick.Epochs} epochs on " +
                        $"{quick.TrainSize!.Value.ToString("N0", CultureInfo.InvariantCulture)} images, {quick.Seeds.Count} seed",
            Prose("02-temperature-study.ipynb"), StringComparison.Ordinal);
    }

    [Fact]
    public void NotebookThreeNamesTheQuickSeeds()
    {
        var seeds = BiasVarianceParameters.Quick.Seeds;
        Assert.Contains($"seeds {seeds.Min()}–{seeds.Max()}, each {BiasVarianceParameters.Quick.Training.Epochs} epochs", Prose("03-bias-variance-checkpoints.ipynb"), StringComparison.Ordinal);
        Assert.Equal(seeds.Count, seeds.Max() - seeds.Min() + 1);
    }

    [Fact]
    public void NotebookFiveStatesThePublishedReinMaxRaoAgainstReinMaxAsTheDataHaveIt()
    {
        var configurations = PublishedResults.ElboTable.Select(c => c.Configuration).Distinct().ToList();
        double Mean(string configuration, string estimator) => PublishedResults.ElboCell(configuration, estimator)!.TrainElbo.Mean;
        var below = configurations.Where(c => Mean(c, "ReinMax-Rao") < Mean(c, "ReinMax")).ToList();
        Assert.Equal(["16x12", "64x8"], below);
        Assert.Equal(6, configurations.Count);
        Assert.Contains("ReinMax-Rao's\nmean train −ELBO lies below ReinMax's on 16×12 and 64×8 and above it on the other four configurations, and ReinMax-CV has no\nresult at all.",
            Prose("05-elbo-table.ipynb"), StringComparison.Ordinal);
        Assert.DoesNotContain(PublishedResults.ElboTable, c => c.Estimator == "ReinMax-CV");
    }

    [Fact]
    public void NotebookFiveCountsTheQuickMemberStepsWithAndWithoutYourRow()
    {
        double Steps(ElboTableParameters parameters) => new ElboTable().Jobs(parameters, StoredResults.MnistTrainImages).Sum(j => j.Cost);
        var quick = ElboTableParameters.Quick;
        var withYours = quick.WithEstimator("zgr", "yours");
        Assert.Contains($"({Steps(quick).ToString("N0", CultureInfo.InvariantCulture)} member-steps for the seven rows, " +
                        $"{Steps(withYours).ToString("N0", CultureInfo.InvariantCulture)} with yours)", Prose("05-elbo-table.ipynb"), StringComparison.Ordinal);
        Assert.Equal(7, quick.Rows.Count);
    }
}

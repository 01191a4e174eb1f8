using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Tests.Charts;

namespace NotebookExperiments.Tests.Analyses;

/// <summary>The −ELBO table's reading: rows separated from the best only where the seeds resolve it; otherwise "too short to rank".</summary>
public sealed class ElboTableReadingTests
{
    private static DataFrame Runs(params (string Config, string Estimator, long Seed, double Loss, bool Diverged)[] runs) => new(
        new StringDataFrameColumn("config", runs.Select(r => r.Config)),
        new StringDataFrameColumn("estimator", runs.Select(r => r.Estimator)),
        new Int64DataFrameColumn("seed", runs.Select(r => r.Seed)),
        new DoubleDataFrameColumn("final_train_elbo", runs.Select(r => r.Diverged ? double.NaN : r.Loss)),
        new BooleanDataFrameColumn("diverged", runs.Select(r => r.Diverged)));

    [Fact]
    public void TwoSeedsThatDoNotSeparateAnyRowSayTheBudgetIsTooShortToRank()
    {
        // ReinMax lies 3 nats above ST with a paired spread of 1 nat: with t(1) = 12.7 nothing is resolved.
        var reading = ElboTableReading.Of(Runs(("8x4", "ST", 0, 200, false), ("8x4", "ST", 1, 201, false),
            ("8x4", "ReinMax", 0, 202.5, false), ("8x4", "ReinMax", 1, 204.5, false), ("8x4", "GR-MC100", 0, 0, true), ("8x4", "GR-MC100", 1, 203, false)),
            ElboTableParameters.Quick);
        Assert.Equal("8x4: mean final train −ELBO from 200.5 (ST) to 203.5 (ReinMax), a spread of 3.0 nats; no row is separated from the lowest, ST; 1 diverged run left out.",
            reading.Sentences[1]);
        Assert.Equal("This budget (3 epochs on 10,000 images) separates no estimator from the best of its configuration: too short to rank estimators; run `--preset paper`.",
            reading.Sentences[^1]);
    }

    [Fact]
    public void ResolvedRowsAreNamed()
    {
        var reading = ElboTableReading.Of(Runs(("8x4", "ST", 0, 150, false), ("8x4", "ST", 1, 151, false), ("8x4", "ST", 2, 152, false),
            ("8x4", "ReinMax", 0, 140, false), ("8x4", "ReinMax", 1, 141.2, false), ("8x4", "ReinMax", 2, 141.9, false)), ElboTableParameters.Paper);
        Assert.Contains("the lowest, ReinMax, is separated from 1 of the 1 others (ST)", reading.Sentences[1], StringComparison.Ordinal);
        Assert.Equal(2, reading.Sentences.Count);
    }
}

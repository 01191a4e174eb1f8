using Microsoft.Data.Analysis;
using NotebookExperiments.Charts;
using NotebookExperiments.Estimators;
using NotebookExperiments.Models;
using NotebookExperiments.Reports;
using NotebookExperiments.Statistics;
using NotebookExperiments.Training;

namespace NotebookExperiments.Analyses;

/// <summary>One finished run of the β sweep.</summary>
/// <param name="Config">C×L.</param>
/// <param name="Beta">β.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Epochs">Epochs completed.</param>
/// <param name="FinalTrainElbo">Train −ELBO of the last epoch (the paper's metric; the test −ELBO is not computed).</param>
/// <param name="Diverged">Whether the loss became non-finite.</param>
/// <param name="DivergedAtEpoch">When.</param>
public sealed record BetaSweepRun(string Config, double Beta, long Seed, int Epochs, double? FinalTrainElbo, bool Diverged, int? DivergedAtEpoch);

/// <summary>The β sweep's result.</summary>
/// <param name="Runs">One row per run: <c>config</c>, <c>beta</c>, <c>seed</c>, <c>epochs</c>, <c>final_train_elbo</c> (NaN for a diverged run),
/// <c>diverged</c>.</param>
/// <param name="Summary">Mean and spread over seeds per (configuration, β) (<see cref="BetaSweep.Summarise"/>).</param>
public sealed record BetaSweepResult(DataFrame Runs, DataFrame Summary);

/// <summary>
/// The β sweep of ReinMax-RK2 (Beyond ReinMax, Fig. 2): trains one VAE per (configuration, β, seed), the runs of a configuration
/// batched together in ensembles of at most <see cref="BetaSweepParameters.MaxEnsembleSize"/>, and reports the final train −ELBO
/// (the paper finds the optimum near β = 0.5, ReinMax). It writes <c>runs.csv</c>, <c>summary.csv</c>, <c>comparison.csv</c> (each
/// point beside the published sweep, <see cref="BetaSweepComparison"/>) and <c>figure.html</c>.
/// </summary>
public sealed class BetaSweep() : Analysis<BetaSweepParameters, BetaSweepResult>("beta-sweep",
    "β sweep of ReinMax-RK2: final train −ELBO against β (Beyond ReinMax, Fig. 2).")
{
    /// <inheritdoc />
    public override IReadOnlyList<AnalysisJob> Jobs(BetaSweepParameters parameters, long trainImages)
    {
        double steps = ProgressMeter.StepsOf(parameters.Epochs, parameters.TrainSize, trainImages, parameters.BatchSize);
        var jobs = new List<AnalysisJob>();
        foreach (var c in parameters.Configurations)
        {
            var options = new TrainingOptions(VaeConfiguration.Parse(c.Configuration), c.Optimizer, parameters.Epochs, parameters.BatchSize, parameters.TrainSize)
            {
                ComputeTestLoss = false,
            };
            var runs = (from b in parameters.Betas
                        from s in parameters.Seeds
                        let member = new TrainingMember(Spec(parameters, b), c.LearningRate, s)
                        select new EnsembleRun(EnsembleRun.KeyOf(FormattableString.Invariant($"{c.Configuration}|beta={b:R}|seed={s}"), options, trainImages, member),
                            member, result => new BetaSweepRun(c.Configuration, b, s, result.History.Count, result.FinalTrainLoss, result.Diverged,
                                result.DivergedAtEpoch))).ToList();
            jobs.AddRange(EnsembleJob.InEnsemblesOf(parameters.MaxEnsembleSize, c.Configuration, c.Configuration, options, runs, steps));
        }
        return jobs;
    }

    /// <inheritdoc />
    protected internal override BetaSweepResult Collect(BetaSweepParameters parameters, ResultStore store, long trainImages)
    {
        var runs = Jobs(parameters, trainImages).SelectMany(j => j.Units).Where(store.Contains).Select(store.Get<BetaSweepRun>).ToList();
        var frame = new DataFrame(
            new StringDataFrameColumn(Columns.Config, runs.Select(r => r.Config)),
            new DoubleDataFrameColumn(Columns.Beta, runs.Select(r => r.Beta)),
            new Int64DataFrameColumn(Columns.Seed, runs.Select(r => r.Seed)),
            new Int32DataFrameColumn(Columns.Epochs, runs.Select(r => r.Epochs)),
            new DoubleDataFrameColumn(Columns.FinalTrainElbo, runs.Select(r => r.FinalTrainElbo ?? double.NaN)),
            new BooleanDataFrameColumn(Columns.Diverged, runs.Select(r => r.Diverged)));
        return new BetaSweepResult(frame, Summarise(frame));
    }

    /// <inheritdoc />
    protected internal override IEnumerable<ResultFile> Files(BetaSweepParameters parameters, BetaSweepResult result) =>
    [
        ResultFile.Csv("runs.csv", result.Runs),
        ResultFile.Csv("summary.csv", result.Summary),
        ResultFile.Csv("comparison.csv", BetaSweepComparison.Of(result.Summary, parameters)),
        ResultFile.Figure("figure.html", BetaSweepFigure.Create(result.Summary, parameters.Describe(), PublishedOverlay.For(parameters))),
    ];

    /// <inheritdoc />
    protected internal override IEnumerable<ResultTable> Tables(BetaSweepParameters parameters, BetaSweepResult result)
    {
        var summary = result.Summary;
        yield return new ResultTable($"β sweep ({parameters.Describe()})", summary, Explain: (column, row) =>
            (column, summary[Columns.Runs][row]) switch
            {
                (Columns.MeanTrainElbo, 0) or (Columns.SdTrainElbo, 0) => "— (every run diverged)",
                (Columns.SdTrainElbo, 1) => "undefined (1 run)",
                _ => null,
            });
    }

    /// <inheritdoc />
    /// <remarks>The count of verdicts against the published sweep, then the sweep's reading (<see cref="BetaSweepReading"/>).</remarks>
    protected internal override IEnumerable<string> Notes(BetaSweepParameters parameters, BetaSweepResult result, AnalysisEnvironment environment) =>
    [
        VerdictCount.Note(BetaSweepComparison.Of(result.Summary, parameters), "points", parameters.Preset, parameters.IsPaperProtocol()),
        .. BetaSweepReading.Of(result, parameters, environment.Data).Sentences,
    ];

    /// <summary>
    /// Mean and standard deviation over seeds per (configuration, β), diverged runs excluded: <c>config</c>, <c>beta</c>,
    /// <c>runs</c> (finite runs), <c>mean_train_elbo</c> (NaN only when <c>runs</c> = 0: every run diverged), <c>sd_train_elbo</c>
    /// (the sample sd, n − 1, of <see cref="SampleStatistics"/>; NaN when <c>runs</c> ≤ 1, where a spread is undefined), <c>diverged_runs</c>.
    /// </summary>
    public static DataFrame Summarise(DataFrame runs)
    {
        var rows = Enumerable.Range(0, (int)runs.Rows.Count).Select(i => (
            Config: (string)runs[Columns.Config][i], Beta: (double)runs[Columns.Beta][i],
            Loss: (double)runs[Columns.FinalTrainElbo][i], Diverged: (bool)runs[Columns.Diverged][i])).ToList();
        var groups = rows.GroupBy(r => (r.Config, r.Beta)).ToList();
        var summary = groups.Select(g =>
        {
            var finite = SampleStatistics.Of(g.Where(r => !r.Diverged && double.IsFinite(r.Loss)).Select(r => r.Loss).ToList());
            return (g.Key.Config, g.Key.Beta, Runs: finite.Count, Mean: finite.Mean, Sd: finite.StandardDeviation, Diverged: g.Count() - finite.Count);
        }).ToList();
        return new DataFrame(
            new StringDataFrameColumn(Columns.Config, summary.Select(s => s.Config)),
            new DoubleDataFrameColumn(Columns.Beta, summary.Select(s => s.Beta)),
            new Int32DataFrameColumn(Columns.Runs, summary.Select(s => s.Runs)),
            new DoubleDataFrameColumn(Columns.MeanTrainElbo, summary.Select(s => s.Mean)),
            new DoubleDataFrameColumn(Columns.SdTrainElbo, summary.Select(s => s.Sd)),
            new Int32DataFrameColumn(Columns.DivergedRuns, summary.Select(s => s.Diverged)));
    }

    /// <summary>
    /// The −ELBO of an encoder that ignores the image on the sweep's training images for <paramref name="configuration"/>:
    /// every image sent to one fixed code, decoder = the mean image (<see cref="CollapsedPosterior.FixedCodeLoss"/>) — the
    /// level that runs with β &lt; ½ reach when their encoders saturate.
    /// </summary>
    public static double CollapsedLoss(BetaSweepParameters parameters, TrainingData data, string configuration)
    {
        long n = parameters.TrainSize is int limit ? Math.Min(limit, data.Train.shape[0]) : data.Train.shape[0];
        using var scope = TorchSharp.torch.NewDisposeScope();
        return CollapsedPosterior.FixedCodeLoss(data.Train.narrow(0, 0, n), VaeConfiguration.Parse(configuration));
    }

    private static string Spec(BetaSweepParameters p, double beta) =>
        EstimatorCatalog.Default.Create(p.Estimator == "reinmax-rk2"
            ? FormattableString.Invariant($"reinmax-rk2:beta={beta:R},tau={p.Tau:R}")
            : FormattableString.Invariant($"{p.Estimator}:beta={beta:R}")).Spec;
}

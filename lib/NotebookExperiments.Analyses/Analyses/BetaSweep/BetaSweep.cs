using Microsoft.Data.Analysis;
using NotebookExperiments.Charts;
using NotebookExperiments.Estimators;
using NotebookExperiments.Models;
using NotebookExperiments.Published;
using NotebookExperiments.Reports;
using NotebookExperiments.Training;

namespace NotebookExperiments.Analyses;

/// <summary>
/// The β sweep as the runner sees it (<see cref="BetaSweep"/>): one training run per (configuration, β, seed), the runs of a
/// configuration in ensembles of at most <see cref="BetaSweepParameters.MaxEnsembleSize"/>; it writes <c>runs.csv</c>,
/// <c>summary.csv</c>, <c>comparison.csv</c> (each point beside the published sweep, <see cref="BetaSweepComparison"/>) and
/// <c>figure.html</c>.
/// </summary>
public sealed class BetaSweepAnalysis : Analysis<BetaSweepParameters, BetaSweepOverrides, BetaSweepResult>
{
    internal BetaSweepAnalysis()
    {
    }

    /// <inheritdoc />
    public override string Name => BetaSweep.Name;

    /// <inheritdoc />
    public override string Summary => "β sweep of ReinMax-RK2: final train −ELBO against β (Beyond ReinMax, Fig. 2).";

    /// <inheritdoc />
    public override BetaSweepParameters FromPreset(string preset, BetaSweepOverrides overrides) => BetaSweepParameters.FromPreset(preset, overrides);

    /// <inheritdoc />
    public override BetaSweepParameters Normalise(BetaSweepParameters parameters)
    {
        parameters.Validate();
        return parameters;
    }

    /// <inheritdoc />
    public override string Describe(BetaSweepParameters parameters) => parameters.Describe();

    /// <inheritdoc />
    public override string PresetOf(BetaSweepParameters parameters) => parameters.Preset;

    /// <inheritdoc />
    protected internal override BetaSweepParameters WithPreset(BetaSweepParameters parameters, string preset) => parameters with { Preset = preset };

    /// <inheritdoc />
    public override bool? IsPaperProtocol(BetaSweepParameters parameters) => parameters.IsPaperProtocol();

    /// <inheritdoc />
    public override bool CheckpointsEnsembles(BetaSweepParameters parameters) => parameters.CheckpointEnsembles;

    /// <inheritdoc />
    public override IReadOnlyList<AnalysisJob> Jobs(BetaSweepParameters parameters, long trainImages)
    {
        double steps = ProgressMeter.StepsOf(parameters.Epochs, parameters.TrainSize is int n ? Math.Min(n, trainImages) : trainImages, parameters.BatchSize);
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
            for (int start = 0, chunk = 0; start < runs.Count; start += parameters.MaxEnsembleSize, chunk++)
                jobs.Add(new EnsembleJob(FormattableString.Invariant($"{c.Configuration}|ensemble={chunk}"), c.Configuration, options,
                    runs.Skip(start).Take(parameters.MaxEnsembleSize).ToList(), steps));
        }
        return jobs;
    }

    /// <inheritdoc />
    protected internal override BetaSweepResult Collect(BetaSweepParameters parameters, ResultStore store, long trainImages)
    {
        var runs = Jobs(parameters, trainImages).SelectMany(j => j.Units).Where(store.Contains).Select(store.Get<BetaSweepRun>).ToList();
        var frame = new DataFrame(
            new StringDataFrameColumn("config", runs.Select(r => r.Config)),
            new DoubleDataFrameColumn("beta", runs.Select(r => r.Beta)),
            new Int64DataFrameColumn("seed", runs.Select(r => r.Seed)),
            new Int32DataFrameColumn("epochs", runs.Select(r => r.Epochs)),
            new DoubleDataFrameColumn("final_train_elbo", runs.Select(r => r.FinalTrainElbo ?? double.NaN)),
            new BooleanDataFrameColumn("diverged", runs.Select(r => r.Diverged)));
        return new BetaSweepResult(frame, BetaSweep.Summarise(frame));
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
            (column, summary["runs"][row]) switch
            {
                ("mean_train_elbo", 0) or ("sd_train_elbo", 0) => "— (every run diverged)",
                ("sd_train_elbo", 1) => "undefined (1 run)",
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

    private static string Spec(BetaSweepParameters p, double beta) =>
        EstimatorCatalog.Default.Create(p.Estimator == "reinmax-rk2"
            ? FormattableString.Invariant($"reinmax-rk2:beta={beta:R},tau={p.Tau:R}")
            : FormattableString.Invariant($"{p.Estimator}:beta={beta:R}")).Spec;
}

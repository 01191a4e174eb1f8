using Microsoft.Data.Analysis;
using NotebookExperiments.Estimators;
using NotebookExperiments.Models;
using NotebookExperiments.Reports;
using NotebookExperiments.Statistics;
using NotebookExperiments.Training;

namespace NotebookExperiments.Analyses;

/// <summary>
/// The papers' headline result (ReinMax, Table 3, as the Beyond ReinMax authors re-ran it): the final train and test −ELBO of every estimator on
/// every VAE configuration, each with its own tuned hyperparameters, mean ± standard error over seeds. It writes <c>runs.csv</c>,
/// <c>curves.csv</c>, <c>summary.csv</c>, <c>table.csv</c>, <c>comparison.csv</c> (each cell beside its published number),
/// <c>table.md</c>, <c>table.html</c> and <c>figure.html</c>.
/// </summary>
/// <remarks>
/// Every run (configuration, row, seed) is a unit of the result store. The runs of one configuration are trained together as
/// batched ensembles whose members differ in estimator, learning rate and seed; the optimiser is one per job in the trainer
/// (<see cref="Trainer"/>, <see cref="StackedAdam"/>), so a configuration whose rows use both Adam and RAdam (16×12, 64×8 in the paper
/// preset) trains as one ensemble per optimiser. A diverged run is recorded as a result and counted in the table.
/// </remarks>
public sealed class ElboTable() : Analysis<ElboTableParameters, ElboTableResult>("elbo-table",
    "Final train and test −ELBO of every estimator on every VAE configuration, mean ± s.e. over seeds (ReinMax Table 3, as the Beyond ReinMax authors re-ran it).")
{
    /// <inheritdoc />
    protected override ElboTableParameters Canonical(ElboTableParameters parameters)
    {
        var catalog = EstimatorCatalog.Default;
        return parameters with
        {
            Rows = parameters.Rows.Select(r => r with { Settings = r.Settings.Select(s => s with { Spec = catalog.Create(s.Spec).Spec }).ToList() }).ToList(),
        };
    }

    /// <summary>Every run in table order (configuration, row, seed) with its options, member and unit.</summary>
    private static List<(string Config, ElboTableRow Row, ElboTableSetting Setting, long Seed, TrainingOptions Options, EnsembleRun Run)> Runs(
        ElboTableParameters parameters, long trainImages) =>
        (from c in parameters.Configurations
         from r in parameters.Rows
         from s in parameters.Seeds
         let setting = r.On(c)
         let options = new TrainingOptions(VaeConfiguration.Parse(c), setting.Optimizer, parameters.Epochs, parameters.BatchSize, parameters.TrainSize)
         {
             TestEveryEpoch = false,
         }
         let member = new TrainingMember(setting.Spec, setting.LearningRate, s)
         select (c, r, setting, s, options, new EnsembleRun(EnsembleRun.KeyOf(FormattableString.Invariant($"{c}|{r.Estimator}|seed={s}"), options, trainImages, member),
             member, (Func<MemberResult, object>)(result => new ElboTableRun(c, r.Estimator, setting.Spec, setting.Optimizer, setting.LearningRate, s,
                 result.History.Count, result.FinalTrainLoss, result.Diverged ? null : result.FinalTestLoss, result.Diverged, result.DivergedAtEpoch,
                 result.History.Select(h => h.TrainLoss).ToList()))))).ToList();

    /// <inheritdoc />
    public override IReadOnlyList<AnalysisJob> Jobs(ElboTableParameters parameters, long trainImages)
    {
        double steps = ProgressMeter.StepsOf(parameters.Epochs, parameters.TrainSize, trainImages, parameters.BatchSize);
        var runs = Runs(parameters, trainImages);
        var jobs = new List<AnalysisJob>();
        foreach (var configuration in parameters.Configurations)
            foreach (var optimizer in new[] { OptimizerKind.Adam, OptimizerKind.RAdam })
            {
                var group = runs.Where(u => u.Config == configuration && u.Setting.Optimizer == optimizer).ToList();
                if (group.Count > 0)
                    jobs.AddRange(EnsembleJob.InEnsemblesOf(parameters.MaxEnsembleSize, $"{configuration}|{optimizer}", $"{configuration} {optimizer}",
                        group[0].Options, group.Select(u => u.Run), steps));
            }
        return jobs;
    }

    /// <inheritdoc />
    protected internal override ElboTableResult Collect(ElboTableParameters parameters, ResultStore store, long trainImages)
    {
        // A stored run may have been recorded under another row name (the same run in another table): the name is this table's.
        var runs = Runs(parameters, trainImages).Where(u => store.Contains(u.Run.Key)).Select(u => store.Get<ElboTableRun>(u.Run.Key) with { Estimator = u.Row.Estimator }).ToList();
        var points = runs.SelectMany(r => r.TrainCurve.Select((loss, e) => (Run: r, Epoch: e + 1, Loss: loss))).ToList();
        var frame = new DataFrame(
            new StringDataFrameColumn(Columns.Config, runs.Select(r => r.Config)),
            new StringDataFrameColumn(Columns.Estimator, runs.Select(r => r.Estimator)),
            new StringDataFrameColumn(Columns.Spec, runs.Select(r => r.Spec)),
            new StringDataFrameColumn(Columns.Optimizer, runs.Select(r => r.Optimizer.ToString())),
            new DoubleDataFrameColumn(Columns.LearningRate, runs.Select(r => r.LearningRate)),
            new Int64DataFrameColumn(Columns.Seed, runs.Select(r => r.Seed)),
            new Int32DataFrameColumn(Columns.Epochs, runs.Select(r => r.Epochs)),
            new DoubleDataFrameColumn(Columns.FinalTrainElbo, runs.Select(r => r.FinalTrainElbo ?? double.NaN)),
            new DoubleDataFrameColumn(Columns.FinalTestElbo, runs.Select(r => r.FinalTestElbo ?? double.NaN)),
            new BooleanDataFrameColumn(Columns.Diverged, runs.Select(r => r.Diverged)));
        var curves = new DataFrame(
            new StringDataFrameColumn(Columns.Config, points.Select(p => p.Run.Config)),
            new StringDataFrameColumn(Columns.Estimator, points.Select(p => p.Run.Estimator)),
            new Int64DataFrameColumn(Columns.Seed, points.Select(p => p.Run.Seed)),
            new Int32DataFrameColumn(Columns.Epoch, points.Select(p => p.Epoch)),
            new DoubleDataFrameColumn(Columns.TrainElbo, points.Select(p => p.Loss)));
        return new ElboTableResult(frame, curves, ElboTable.Summarise(frame));
    }

    /// <inheritdoc />
    protected internal override IEnumerable<ResultFile> Files(ElboTableParameters parameters, ElboTableResult result)
    {
        var subtitle = parameters.Describe();
        return
        [
            ResultFile.Csv("runs.csv", result.Runs),
            ResultFile.Csv("curves.csv", result.Curves),
            ResultFile.Csv("summary.csv", result.Summary),
            ResultFile.Csv("table.csv", ElboTableReport.Table(result.Summary, parameters, result.Runs)),
            ResultFile.Csv("comparison.csv", ElboTableReport.Comparison(result.Summary, parameters)),
            ResultFile.Text("table.md", ElboTableReport.ToMarkdown(result.Summary, subtitle, parameters, result.Runs)),
            ResultFile.Text("table.html", ElboTableReport.ToHtmlPage(result.Summary, subtitle, parameters, result.Runs)),
            ResultFile.Figure("figure.html", ElboTableFigure.LearningCurves(result.Curves, subtitle)),
        ];
    }

    /// <inheritdoc />
    protected internal override IEnumerable<ResultTable> Tables(ElboTableParameters parameters, ElboTableResult result) =>
        [new ResultTable($"Final −ELBO ({parameters.Describe()})", ElboTableReport.Table(result.Summary, parameters, result.Runs),
            Note: ElboTableReport.MarksNote(result.Summary, result.Runs) is { } marks ? $"{ElboTableReport.Legend} {marks}" : ElboTableReport.Legend)];

    /// <inheritdoc />
    /// <remarks>The legends, the marks' note, the count of verdicts, then the table's reading (<see cref="ElboTableReading"/>).</remarks>
    protected internal override IEnumerable<string> Notes(ElboTableParameters parameters, ElboTableResult result, AnalysisEnvironment environment)
    {
        yield return ElboTableReport.Legend;
        if (ElboTableReport.MarksNote(result.Summary, result.Runs) is { } marks) yield return marks;
        yield return ElboTableReport.ComparisonLegend;
        yield return VerdictCount.Note(ElboTableReport.Comparison(result.Summary, parameters), "cells", parameters.Preset, parameters.IsPaperProtocol());
        foreach (var sentence in ElboTableReading.Of(result, parameters).Sentences) yield return sentence;
    }

    /// <summary>
    /// Mean and standard error over seeds per (configuration, estimator), diverged runs excluded from the means and counted:
    /// <c>config</c>, <c>estimator</c>, <c>runs</c> (finished without divergence, both final losses finite), <c>diverged_runs</c>
    /// (marked diverged, or with a final train or test −ELBO that is NaN or infinite: counted, never dropped), <c>mean_train_elbo</c>,
    /// <c>se_train_elbo</c>, <c>mean_test_elbo</c>, <c>se_test_elbo</c> (the standard error sd/√n with the sample sd, n − 1, of
    /// <see cref="SampleStatistics"/>; NaN for one run; the means are NaN when every run diverged), <c>best_train</c> and
    /// <c>best_test</c> (the lowest mean of the configuration among the estimators none of whose runs diverged, or among all with a
    /// mean when each has a diverged run; whether it stands above noise is for <see cref="ElboTableReport"/> to say).
    /// Rows in the order of the configurations, then of the estimators, as they first appear.
    /// </summary>
    public static DataFrame Summarise(DataFrame runs)
    {
        var rows = Enumerable.Range(0, (int)runs.Rows.Count).Select(i => (
            Config: (string)runs[Columns.Config][i], Estimator: (string)runs[Columns.Estimator][i],
            Train: (double)runs[Columns.FinalTrainElbo][i], Test: (double)runs[Columns.FinalTestElbo][i], Diverged: (bool)runs[Columns.Diverged][i])).ToList();
        var configs = rows.Select(r => r.Config).Distinct().ToList();
        var estimators = rows.Select(r => r.Estimator).Distinct().ToList();
        var cells = (from c in configs
                     from e in estimators
                     let g = rows.Where(r => r.Config == c && r.Estimator == e).ToList()
                     where g.Count > 0
                     let finite = g.Where(r => !r.Diverged && double.IsFinite(r.Train) && double.IsFinite(r.Test)).ToList()
                     select (Config: c, Estimator: e, Runs: finite.Count, Diverged: g.Count - finite.Count,
                         Train: SampleStatistics.Of(finite.Select(r => r.Train).ToList()), Test: SampleStatistics.Of(finite.Select(r => r.Test).ToList()))).ToList();
        bool[] Best(bool train)
        {
            var best = new bool[cells.Count];
            foreach (var c in configs)
            {
                var candidates = Enumerable.Range(0, cells.Count).Where(i => cells[i].Config == c && double.IsFinite(train ? cells[i].Train.Mean : cells[i].Test.Mean)).ToList();
                var clean = candidates.Where(i => cells[i].Diverged == 0).ToList();
                var pool = clean.Count > 0 ? clean : candidates;
                if (pool.Count == 0) continue;
                best[pool.MinBy(i => train ? cells[i].Train.Mean : cells[i].Test.Mean)] = true;
            }
            return best;
        }
        return new DataFrame(
            new StringDataFrameColumn(Columns.Config, cells.Select(s => s.Config)),
            new StringDataFrameColumn(Columns.Estimator, cells.Select(s => s.Estimator)),
            new Int32DataFrameColumn(Columns.Runs, cells.Select(s => s.Runs)),
            new Int32DataFrameColumn(Columns.DivergedRuns, cells.Select(s => s.Diverged)),
            new DoubleDataFrameColumn(Columns.MeanTrainElbo, cells.Select(s => s.Train.Mean)),
            new DoubleDataFrameColumn(Columns.SeTrainElbo, cells.Select(s => s.Train.StandardError)),
            new DoubleDataFrameColumn(Columns.MeanTestElbo, cells.Select(s => s.Test.Mean)),
            new DoubleDataFrameColumn(Columns.SeTestElbo, cells.Select(s => s.Test.StandardError)),
            new BooleanDataFrameColumn(Columns.BestTrain, Best(train: true)),
            new BooleanDataFrameColumn(Columns.BestTest, Best(train: false)));
    }
}

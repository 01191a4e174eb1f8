using Microsoft.Data.Analysis;
using NotebookExperiments.Charts;
using NotebookExperiments.Estimators;
using NotebookExperiments.Models;
using NotebookExperiments.Reports;
using NotebookExperiments.Training;

namespace NotebookExperiments.Analyses;

/// <summary>
/// The −ELBO table as the runner sees it (<see cref="ElboTable"/>): one training run per (configuration, row, seed), trained in
/// ensembles per configuration and optimiser (the trainer has one optimiser per job); it writes <c>runs.csv</c>, <c>curves.csv</c>,
/// <c>summary.csv</c>, <c>table.csv</c>, <c>comparison.csv</c> (each cell beside its published number), <c>table.md</c>,
/// <c>table.html</c> and <c>figure.html</c>.
/// </summary>
public sealed class ElboTableAnalysis : Analysis<ElboTableParameters, ElboTableOverrides, ElboTableResult>
{
    internal ElboTableAnalysis()
    {
    }

    /// <inheritdoc />
    public override string Name => ElboTable.Name;

    /// <inheritdoc />
    public override string Summary =>
        "Final train and test −ELBO of every estimator on every VAE configuration, mean ± s.e. over seeds (ReinMax Table 3, as the Beyond ReinMax authors re-ran it).";

    /// <inheritdoc />
    public override ElboTableParameters FromPreset(string preset, ElboTableOverrides overrides) => ElboTableParameters.FromPreset(preset, overrides);

    /// <inheritdoc />
    public override ElboTableParameters Normalise(ElboTableParameters parameters)
    {
        parameters.Validate();
        var catalog = EstimatorCatalog.Default;
        return parameters with
        {
            Rows = parameters.Rows.Select(r => r with { Settings = r.Settings.Select(s => s with { Spec = catalog.Create(s.Spec).Spec }).ToList() }).ToList(),
        };
    }

    /// <inheritdoc />
    public override string Describe(ElboTableParameters parameters) => parameters.Describe();

    /// <inheritdoc />
    public override string PresetOf(ElboTableParameters parameters) => parameters.Preset;

    /// <inheritdoc />
    protected internal override ElboTableParameters WithPreset(ElboTableParameters parameters, string preset) => parameters with { Preset = preset };

    /// <inheritdoc />
    public override bool? IsPaperProtocol(ElboTableParameters parameters) => parameters.IsPaperProtocol();

    /// <inheritdoc />
    public override bool CheckpointsEnsembles(ElboTableParameters parameters) => parameters.CheckpointEnsembles;

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
        double steps = ProgressMeter.StepsOf(parameters.Epochs, parameters.TrainSize is int n ? Math.Min(n, trainImages) : trainImages, parameters.BatchSize);
        var runs = Runs(parameters, trainImages);
        var jobs = new List<AnalysisJob>();
        foreach (var configuration in parameters.Configurations)
            foreach (var optimizer in new[] { OptimizerKind.Adam, OptimizerKind.RAdam })
            {
                var group = runs.Where(u => u.Config == configuration && u.Setting.Optimizer == optimizer).ToList();
                for (int start = 0, chunk = 0; start < group.Count; start += parameters.MaxEnsembleSize, chunk++)
                    jobs.Add(new EnsembleJob(FormattableString.Invariant($"{configuration}|{optimizer}|ensemble={chunk}"), $"{configuration} {optimizer}",
                        group[0].Options, group.Skip(start).Take(parameters.MaxEnsembleSize).Select(u => u.Run).ToList(), steps));
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
            new StringDataFrameColumn("config", runs.Select(r => r.Config)),
            new StringDataFrameColumn("estimator", runs.Select(r => r.Estimator)),
            new StringDataFrameColumn("spec", runs.Select(r => r.Spec)),
            new StringDataFrameColumn("optimizer", runs.Select(r => r.Optimizer.ToString())),
            new DoubleDataFrameColumn("lr", runs.Select(r => r.LearningRate)),
            new Int64DataFrameColumn("seed", runs.Select(r => r.Seed)),
            new Int32DataFrameColumn("epochs", runs.Select(r => r.Epochs)),
            new DoubleDataFrameColumn("final_train_elbo", runs.Select(r => r.FinalTrainElbo ?? double.NaN)),
            new DoubleDataFrameColumn("final_test_elbo", runs.Select(r => r.FinalTestElbo ?? double.NaN)),
            new BooleanDataFrameColumn("diverged", runs.Select(r => r.Diverged)));
        var curves = new DataFrame(
            new StringDataFrameColumn("config", points.Select(p => p.Run.Config)),
            new StringDataFrameColumn("estimator", points.Select(p => p.Run.Estimator)),
            new Int64DataFrameColumn("seed", points.Select(p => p.Run.Seed)),
            new Int32DataFrameColumn("epoch", points.Select(p => p.Epoch)),
            new DoubleDataFrameColumn("train_elbo", points.Select(p => p.Loss)));
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
            ResultFile.Csv("table.csv", ElboTableReport.Table(result.Summary, parameters)),
            ResultFile.Csv("comparison.csv", ElboTableReport.Comparison(result.Summary, parameters)),
            ResultFile.Text("table.md", ElboTableReport.ToMarkdown(result.Summary, subtitle, parameters)),
            ResultFile.Text("table.html", ElboTableReport.ToHtmlPage(result.Summary, subtitle, parameters)),
            ResultFile.Figure("figure.html", ElboTableFigure.LearningCurves(result.Curves, subtitle)),
        ];
    }

    /// <inheritdoc />
    protected internal override IEnumerable<ResultTable> Tables(ElboTableParameters parameters, ElboTableResult result) =>
        [new ResultTable($"Final −ELBO ({parameters.Describe()})", ElboTableReport.Table(result.Summary, parameters),
            Note: ElboTableReport.MarksNote(result.Summary) is { } marks ? $"{ElboTableReport.Legend} {marks}" : ElboTableReport.Legend)];

    /// <inheritdoc />
    /// <remarks>The legends, the marks' note, the count of verdicts, then the table's reading (<see cref="ElboTableReading"/>).</remarks>
    protected internal override IEnumerable<string> Notes(ElboTableParameters parameters, ElboTableResult result, AnalysisEnvironment environment)
    {
        yield return ElboTableReport.Legend;
        if (ElboTableReport.MarksNote(result.Summary) is { } marks) yield return marks;
        yield return ElboTableReport.ComparisonLegend;
        yield return VerdictCount.Note(ElboTableReport.Comparison(result.Summary, parameters), "cells", parameters.Preset, parameters.IsPaperProtocol());
        foreach (var sentence in ElboTableReading.Of(result, parameters).Sentences) yield return sentence;
    }
}

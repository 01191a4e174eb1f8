using Microsoft.Data.Analysis;
using NotebookExperiments.Models;
using NotebookExperiments.Statistics;
using NotebookExperiments.Training;

namespace NotebookExperiments.Analyses;

/// <summary>One finished run of the −ELBO table.</summary>
/// <param name="Config">C×L.</param>
/// <param name="Estimator">The row's name.</param>
/// <param name="Spec">The estimator spec trained.</param>
/// <param name="Optimizer">Adam or RAdam.</param>
/// <param name="LearningRate">The learning rate.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Epochs">Epochs completed (fewer than planned when the run diverged).</param>
/// <param name="FinalTrainElbo">Train −ELBO of the last epoch (the running average over that epoch, as the reference reports it).</param>
/// <param name="FinalTestElbo">Test −ELBO after the last epoch (z sampled); null when the run diverged.</param>
/// <param name="Diverged">Whether the loss became non-finite.</param>
/// <param name="DivergedAtEpoch">When.</param>
/// <param name="TrainCurve">Train −ELBO of every completed epoch.</param>
public sealed record ElboTableRun(string Config, string Estimator, string Spec, OptimizerKind Optimizer, double LearningRate, long Seed, int Epochs,
    double? FinalTrainElbo, double? FinalTestElbo, bool Diverged, int? DivergedAtEpoch, IReadOnlyList<double> TrainCurve);

/// <summary>The runs of the −ELBO table, their learning curves and the table.</summary>
/// <param name="Runs">One row per run: <c>config</c>, <c>estimator</c>, <c>spec</c>, <c>optimizer</c>, <c>lr</c>, <c>seed</c>, <c>epochs</c>,
/// <c>final_train_elbo</c>, <c>final_test_elbo</c> (NaN for a diverged run), <c>diverged</c>.</param>
/// <param name="Curves">One row per run and epoch: <c>config</c>, <c>estimator</c>, <c>seed</c>, <c>epoch</c>, <c>train_elbo</c>.</param>
/// <param name="Summary">Mean and standard error per (configuration, estimator) (<see cref="ElboTable.Summarise"/>).</param>
public sealed record ElboTableResult(DataFrame Runs, DataFrame Curves, DataFrame Summary);

/// <summary>
/// The papers' headline result (ReinMax, Table 3, as the Beyond ReinMax authors re-ran it): the final train and test −ELBO of every estimator on
/// every VAE configuration, each with its own tuned hyperparameters, mean ± standard error over seeds.
/// </summary>
/// <remarks>
/// Every run (configuration, row, seed) is a unit of the result store. The runs of one configuration are trained together as
/// batched ensembles whose members differ in estimator, learning rate and seed; the optimiser is one per job in the trainer
/// (<see cref="Trainer"/>, <see cref="StackedAdam"/>), so a configuration whose rows use both Adam and RAdam (16×12, 64×8 in the paper
/// preset) trains as one ensemble per optimiser. A diverged run is recorded as a result and counted in the table.
/// </remarks>
public static class ElboTable
{
    /// <summary>The analysis name (result folder and CLI command).</summary>
    public const string Name = "elbo-table";

    /// <summary>The analysis as the runner, the command line and Slurm see it.</summary>
    public static ElboTableAnalysis Analysis { get; } = new();

    /// <summary>
    /// Trains every run not yet in the result store of <paramref name="environment"/>'s folder (<see cref="AnalysisRunner"/>; batched
    /// ensembles per configuration and optimiser) and writes <c>runs.csv</c>, <c>curves.csv</c>, <c>summary.csv</c>, <c>table.csv</c>,
    /// <c>table.md</c>, <c>table.html</c> and <c>figure.html</c> (the learning curves) into the result folder.
    /// </summary>
    public static ElboTableResult Run(ElboTableParameters parameters, AnalysisEnvironment environment) => Analysis.Run(parameters, environment);

    /// <summary>
    /// The table's jobs on <paramref name="trainImages"/> training images: per configuration and optimiser, its runs (row-major, then
    /// seed) in ensembles of at most <see cref="ElboTableParameters.MaxEnsembleSize"/>.
    /// </summary>
    public static IReadOnlyList<AnalysisJob> Jobs(ElboTableParameters parameters, long trainImages) => Analysis.Jobs(parameters, trainImages);

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
            Config: (string)runs["config"][i], Estimator: (string)runs["estimator"][i],
            Train: (double)runs["final_train_elbo"][i], Test: (double)runs["final_test_elbo"][i], Diverged: (bool)runs["diverged"][i])).ToList();
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
            new StringDataFrameColumn("config", cells.Select(s => s.Config)),
            new StringDataFrameColumn("estimator", cells.Select(s => s.Estimator)),
            new Int32DataFrameColumn("runs", cells.Select(s => s.Runs)),
            new Int32DataFrameColumn("diverged_runs", cells.Select(s => s.Diverged)),
            new DoubleDataFrameColumn("mean_train_elbo", cells.Select(s => s.Train.Mean)),
            new DoubleDataFrameColumn("se_train_elbo", cells.Select(s => s.Train.StandardError)),
            new DoubleDataFrameColumn("mean_test_elbo", cells.Select(s => s.Test.Mean)),
            new DoubleDataFrameColumn("se_test_elbo", cells.Select(s => s.Test.StandardError)),
            new BooleanDataFrameColumn("best_train", Best(train: true)),
            new BooleanDataFrameColumn("best_test", Best(train: false)));
    }
}

using Microsoft.Data.Analysis;
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

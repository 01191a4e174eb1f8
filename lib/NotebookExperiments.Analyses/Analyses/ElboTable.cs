using Microsoft.Data.Analysis;
using NotebookExperiments.Models;
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

/// <summary>The runs of the −ELBO table and their learning curves.</summary>
/// <param name="Runs">One row per run: <c>config</c>, <c>estimator</c>, <c>spec</c>, <c>optimizer</c>, <c>lr</c>, <c>seed</c>, <c>epochs</c>,
/// <c>final_train_elbo</c>, <c>final_test_elbo</c> (NaN for a diverged run), <c>diverged</c>.</param>
/// <param name="Curves">One row per run and epoch: <c>config</c>, <c>estimator</c>, <c>seed</c>, <c>epoch</c>, <c>train_elbo</c>.</param>
public sealed record ElboTableResult(DataFrame Runs, DataFrame Curves);

/// <summary>The work of a set of parameters, to say before it starts how long it takes.</summary>
/// <param name="Runs">Runs (configuration × row × seed).</param>
/// <param name="Ensembles">Batched training jobs (one per configuration and optimiser, split at the largest ensemble size).</param>
/// <param name="MemberSteps">Training steps summed over the runs.</param>
/// <param name="EstimatedHours">The time on 2 cores of this machine, from the member-step times measured per configuration
/// (<see cref="ElboTable.MillisecondsPerMemberStep"/>).</param>
public sealed record ElboTablePlan(int Runs, int Ensembles, double MemberSteps, double EstimatedHours)
{
    /// <summary>One line, e.g. <c>420 runs in 18 ensembles, 40.3 M member-steps: about 95 hours on 2 cores</c>.</summary>
    public string Describe() =>
        FormattableString.Invariant($"{Runs} run{(Runs == 1 ? "" : "s")} in {Ensembles} ensemble{(Ensembles == 1 ? "" : "s")}, ") +
        (MemberSteps >= 1e6 ? FormattableString.Invariant($"{MemberSteps / 1e6:0.0} M") : FormattableString.Invariant($"{MemberSteps:N0}")) +
        " member-steps: about " +
        (EstimatedHours >= 2 ? FormattableString.Invariant($"{EstimatedHours:0} hours")
            : EstimatedHours * 60 < 10 ? FormattableString.Invariant($"{Math.Max(0.1, EstimatedHours * 60):0.#} minutes")
            : FormattableString.Invariant($"{EstimatedHours * 60:0} minutes")) +
        " on 2 cores here";
}

/// <summary>
/// The papers' headline result (ReinMax, Table 3; Beyond ReinMax, Tables 2–3): the final train and test −ELBO of every estimator on
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

    /// <summary>
    /// Milliseconds per member-step on 2 cores here, per configuration, for ensembles of the seven paper rows (three of them with
    /// K = 100 conditional Gumbel draws), including data, progress and the test −ELBO; only <see cref="Plan"/> uses them. 8×4 and
    /// 8×16 were measured with the quick preset (about 10 ms; the machine's speed drifts by up to 30 %); the others are those
    /// times scaled up for their wider latent layers and larger K·C·L work, not measured. Configurations not listed use the largest.
    /// </summary>
    public static IReadOnlyDictionary<string, double> MillisecondsPerMemberStep { get; } = new Dictionary<string, double>
    {
        ["8x4"] = 10, ["4x24"] = 10.5, ["8x16"] = 10.5, ["16x12"] = 11.5, ["64x8"] = 14, ["10x30"] = 12,
    };

    /// <summary>The runs, ensembles, member-steps and estimated time of <paramref name="parameters"/> with <paramref name="trainImages"/>
    /// training images available (60,000 for MNIST).</summary>
    public static ElboTablePlan Plan(ElboTableParameters parameters, long trainImages = 60_000)
    {
        long images = parameters.TrainSize is int limit ? Math.Min(limit, trainImages) : trainImages;
        double steps = ProgressMeter.StepsOf(parameters.Epochs, images, parameters.BatchSize);
        int runs = 0, ensembles = 0;
        double seconds = 0;
        foreach (var c in parameters.Configurations)
        {
            double ms = MillisecondsPerMemberStep.TryGetValue(c, out var known) ? known : MillisecondsPerMemberStep.Values.Max();
            foreach (var group in parameters.Rows.GroupBy(r => r.On(c).Optimizer))
            {
                int members = group.Count() * parameters.Seeds.Count;
                runs += members;
                ensembles += (members + parameters.MaxEnsembleSize - 1) / parameters.MaxEnsembleSize;
                seconds += members * steps * ms / 1000;
            }
        }
        return new ElboTablePlan(runs, ensembles, runs * steps, seconds / 3600);
    }

    /// <summary>
    /// Trains every run not yet in the result store of <paramref name="environment"/>'s folder (one batched ensemble per configuration
    /// and optimiser) and returns every run with its learning curve.
    /// </summary>
    public static ElboTableResult Run(ElboTableParameters parameters, AnalysisEnvironment environment)
    {
        parameters.Validate();
        var store = ResultStore.Open(environment.OutputDirectory, Name, parameters);
        var all = (from c in parameters.Configurations from r in parameters.Rows from s in parameters.Seeds select (Config: c, Row: r, Setting: r.On(c), Seed: s)).ToList();
        long images = parameters.TrainSize is int limit ? Math.Min(limit, environment.Data.Train.shape[0]) : environment.Data.Train.shape[0];
        double steps = ProgressMeter.StepsOf(parameters.Epochs, images, parameters.BatchSize);
        var meter = new ProgressMeter(Name, environment, () => store.Count, all.Count, all.Count * steps);
        meter.Complete(all.Count(u => store.Contains(Key(u.Config, u.Row.Estimator, u.Setting, u.Seed))) * steps);
        foreach (var configuration in parameters.Configurations)
            foreach (var optimizer in new[] { OptimizerKind.Adam, OptimizerKind.RAdam })
            {
                var pending = all.Where(u => u.Config == configuration && u.Setting.Optimizer == optimizer &&
                                             !store.Contains(Key(u.Config, u.Row.Estimator, u.Setting, u.Seed))).ToList();
                if (pending.Count == 0) continue;
                var options = new TrainingOptions(VaeConfiguration.Parse(configuration), optimizer, parameters.Epochs, parameters.BatchSize, parameters.TrainSize)
                {
                    TestEveryEpoch = false,
                };
                var members = pending.Select(u => new TrainingMember(u.Setting.Spec, u.Setting.LearningRate, u.Seed)).ToList();
                EnsembleTraining.Train(options, members, parameters.MaxEnsembleSize,
                    parameters.CheckpointEnsembles ? Path.Combine(environment.OutputDirectory, "work-" + store.Fingerprint) : null,
                    environment, meter, $"{configuration} {optimizer}",
                    (i, result) =>
                    {
                        var u = pending[i];
                        store.Append(Key(u.Config, u.Row.Estimator, u.Setting, u.Seed), new ElboTableRun(
                            u.Config, u.Row.Estimator, u.Setting.Spec, optimizer, u.Setting.LearningRate, u.Seed, result.History.Count,
                            result.FinalTrainLoss, result.Diverged ? null : result.FinalTestLoss, result.Diverged, result.DivergedAtEpoch,
                            result.History.Select(h => h.TrainLoss).ToList()));
                    });
            }
        meter.Complete(meter.Total);
        meter.Report("done");
        var runs = all.Select(u => store.Get<ElboTableRun>(Key(u.Config, u.Row.Estimator, u.Setting, u.Seed))).ToList();
        var points = runs.SelectMany(r => r.TrainCurve.Select((loss, e) => (Run: r, Epoch: e + 1, Loss: loss))).ToList();
        return new ElboTableResult(
            new DataFrame(
                new StringDataFrameColumn("config", runs.Select(r => r.Config)),
                new StringDataFrameColumn("estimator", runs.Select(r => r.Estimator)),
                new StringDataFrameColumn("spec", runs.Select(r => r.Spec)),
                new StringDataFrameColumn("optimizer", runs.Select(r => r.Optimizer.ToString())),
                new DoubleDataFrameColumn("lr", runs.Select(r => r.LearningRate)),
                new Int64DataFrameColumn("seed", runs.Select(r => r.Seed)),
                new Int32DataFrameColumn("epochs", runs.Select(r => r.Epochs)),
                new DoubleDataFrameColumn("final_train_elbo", runs.Select(r => r.FinalTrainElbo ?? double.NaN)),
                new DoubleDataFrameColumn("final_test_elbo", runs.Select(r => r.FinalTestElbo ?? double.NaN)),
                new BooleanDataFrameColumn("diverged", runs.Select(r => r.Diverged))),
            new DataFrame(
                new StringDataFrameColumn("config", points.Select(p => p.Run.Config)),
                new StringDataFrameColumn("estimator", points.Select(p => p.Run.Estimator)),
                new Int64DataFrameColumn("seed", points.Select(p => p.Run.Seed)),
                new Int32DataFrameColumn("epoch", points.Select(p => p.Epoch)),
                new DoubleDataFrameColumn("train_elbo", points.Select(p => p.Loss))));
    }

    /// <summary>
    /// Mean and standard error over seeds per (configuration, estimator), diverged runs excluded from the means and counted:
    /// <c>config</c>, <c>estimator</c>, <c>runs</c> (finished without divergence), <c>diverged_runs</c>, <c>mean_train_elbo</c>,
    /// <c>se_train_elbo</c>, <c>mean_test_elbo</c>, <c>se_test_elbo</c> (the standard error sd/√n with the sample sd, n − 1; NaN
    /// for one run; the means are NaN when every run diverged), <c>best_train</c> and <c>best_test</c> (the lowest mean of the
    /// configuration among the estimators none of whose runs diverged, or among all with a mean when each has a diverged run).
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
                     let finite = g.Where(r => !r.Diverged && double.IsFinite(r.Train)).ToList()
                     select (Config: c, Estimator: e, Runs: finite.Count, Diverged: g.Count - finite.Count,
                         Train: MeanAndError(finite.Select(r => r.Train)), Test: MeanAndError(finite.Select(r => r.Test).Where(double.IsFinite)))).ToList();
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
            new DoubleDataFrameColumn("se_train_elbo", cells.Select(s => s.Train.Error)),
            new DoubleDataFrameColumn("mean_test_elbo", cells.Select(s => s.Test.Mean)),
            new DoubleDataFrameColumn("se_test_elbo", cells.Select(s => s.Test.Error)),
            new BooleanDataFrameColumn("best_train", Best(train: true)),
            new BooleanDataFrameColumn("best_test", Best(train: false)));
    }

    private static (double Mean, double Error) MeanAndError(IEnumerable<double> values)
    {
        var v = values.ToList();
        if (v.Count == 0) return (double.NaN, double.NaN);
        double mean = v.Average();
        if (v.Count == 1) return (mean, double.NaN);
        double sd = Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Count - 1));
        return (mean, sd / Math.Sqrt(v.Count));
    }

    private static string Key(string config, string estimator, ElboTableSetting setting, long seed) =>
        FormattableString.Invariant($"{config}|{estimator}|{setting.Spec}|{setting.Optimizer}|lr={setting.LearningRate:R}|seed={seed}");
}

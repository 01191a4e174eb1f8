using NotebookExperiments.Analyses;
using NotebookExperiments.Models;
using NotebookExperiments.Tests.Support;
using NotebookExperiments.Training;
using static TorchSharp.torch;

namespace NotebookExperiments.Tests.Analyses;

/// <summary>The three analyses on a tiny synthetic data set: tables with finite values, and resumption without redoing finished units.</summary>
public sealed class AnalysisTests : IDisposable
{
    private static readonly TrainingData Data = TinyData.Create(train: 300, test: 50);
    private readonly string _dir = Directory.CreateTempSubdirectory("analysis-tests").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private AnalysisEnvironment Environment(string name, IProgress<AnalysisProgress>? progress = null, CancellationToken token = default) =>
        new(Path.Combine(_dir, name), Data, CPU, progress, token);

    private static BetaSweepParameters TinySweep => BetaSweepParameters.Quick with
    {
        Configurations = [new("3x2", OptimizerKind.Adam, 1e-3), new("2x3", OptimizerKind.RAdam, 1e-3)],
        Betas = [0.0, 0.5, 1.0],
        Seeds = [0, 1],
        Epochs = 1,
        TrainSize = 200,
        MaxEnsembleSize = 4,
    };

    [Fact]
    public void BetaSweepReturnsOneFiniteRowPerRunAndASummary()
    {
        var result = new BetaSweep().Run(TinySweep, Environment("beta"));
        var runs = result.Runs;
        Assert.Equal(12, runs.Rows.Count);
        Assert.Equal(["config", "beta", "seed", "epochs", "final_train_elbo", "diverged"], runs.Columns.Select(c => c.Name));
        // Each row is the run itself: the same (configuration, β, seed) trained alone reports the same final train −ELBO
        // (up to float rounding in the batched ensemble).
        using (var alone = new Trainer(new TrainingOptions(VaeConfiguration.Parse("2x3"), OptimizerKind.RAdam, 1, TrainSize: 200) { ComputeTestLoss = false },
                   [new TrainingMember("reinmax-rk2:beta=0.5,tau=1", 1e-3, 1)]))
        {
            double expected = alone.Run(Data)[0].FinalTrainLoss!.Value;
            int row = Enumerable.Range(0, 12).Single(i => (string)runs["config"][i] == "2x3" && (double)runs["beta"][i] == 0.5 && (long)runs["seed"][i] == 1);
            Assert.Equal(expected, (double)runs["final_train_elbo"][row], 1e-4 * expected);
        }
        var summary = result.Summary;
        Assert.Equal(6, summary.Rows.Count);
        Assert.All(Enumerable.Range(0, 6), i => Assert.Equal(2, (int)summary["runs"][i]));
        Assert.All(Enumerable.Range(0, 6), i => Assert.True(double.IsFinite((double)summary["sd_train_elbo"][i])));
    }

    [Fact]
    public void ProgressCountsTheMembersStepsNotOnlyFinishedUnits()
    {
        // 12 runs of 2 steps each (200 images, batch 100): 24 member-steps; the first configuration trains its 6 runs together.
        var reports = new List<AnalysisProgress>();
        new BetaSweep().Run(TinySweep with { BatchSize = 100, MaxEnsembleSize = 6 }, Environment("progress", new SynchronousProgress<AnalysisProgress>(reports.Add)));
        Assert.All(reports, r => Assert.Equal(24, r.WorkTotal));
        var firstStep = reports.First(r => r.Detail == "3x2: 6 runs together, epoch 1/1, batch 1/2");
        Assert.Equal(0, firstStep.Done);          // no run has finished, yet a quarter of the work is done
        Assert.Equal(6, firstStep.WorkDone);
        Assert.Equal(0.25, firstStep.Progress);
        var secondConfiguration = reports.First(r => r.Detail.StartsWith("2x3", StringComparison.Ordinal));
        Assert.Equal((6, 18.0), (secondConfiguration.Done, secondConfiguration.WorkDone));
        Assert.Equal(1.0, reports[^1].Progress);
        Assert.Equal(reports.Select(r => r.WorkDone).Order(), reports.Select(r => r.WorkDone));

        // The time left follows the rate of work since the first report: 25 % in 10 s leaves 30 s for the other 75 %.
        var remaining = new RemainingTime();
        Assert.Null(remaining.Update(reports[0] with { WorkDone = 0 }, 100));
        Assert.Equal(TimeSpan.FromSeconds(30), remaining.Update(firstStep, 110));
        Assert.Equal("about 30 s left", RemainingTime.Format(TimeSpan.FromSeconds(30)));
        Assert.Equal("about 1 h 05 min left", RemainingTime.Format(TimeSpan.FromMinutes(65)));
        var html = ProgressView.Render(firstStep, 10, TimeSpan.FromSeconds(30));
        Assert.Contains("0/12 units, 25 % of 24 member-steps", html, StringComparison.Ordinal);
        Assert.Contains("about 30 s left", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInterruptedSweepResumesWithoutRedoingFinishedRuns()
    {
        var reports = new List<AnalysisProgress>();
        using (var cts = new CancellationTokenSource())
        {
            // Stop while the second configuration trains: the first configuration's six runs are recorded by then.
            var progress = new SynchronousProgress<AnalysisProgress>(p => { reports.Add(p); if (p.Detail.StartsWith("2x3")) cts.Cancel(); });
            Assert.Throws<OperationCanceledException>(() => new BetaSweep().Run(TinySweep, Environment("resume", progress, cts.Token)));
        }
        var store = ResultStore.Open(Path.Combine(_dir, "resume"), "beta-sweep");
        Assert.Equal(6, store.Count);
        Assert.All(store.Keys, k => Assert.StartsWith("3x2|", k));

        var again = new List<AnalysisProgress>();
        var runs = new BetaSweep().Run(TinySweep, Environment("resume", new SynchronousProgress<AnalysisProgress>(again.Add))).Runs;
        Assert.DoesNotContain(again, p => p.Detail.StartsWith("3x2"));
        Assert.Equal(6, again.First().Done);
        Assert.Equal(12, runs.Rows.Count);

        // The recorded runs equal a fresh uninterrupted sweep's.
        var fresh = new BetaSweep().Run(TinySweep, Environment("fresh")).Runs;
        for (int i = 0; i < 12; i++) Assert.Equal((double)fresh["final_train_elbo"][i], (double)runs["final_train_elbo"][i], 3);
    }

    [Fact]
    public void BiasVarianceStudyComparesEveryEstimatorWithTheExactGradientAtEveryCheckpointOfEverySeed()
    {
        var parameters = BiasVarianceParameters.Quick with
        {
            Training = BiasVarianceParameters.Quick.Training with { Configuration = "3x2", Epochs = 2, TrainSize = 200 },
            Seeds = [0, 1],
            CheckpointEpochs = [1, 2],
            Estimators = ["st:tau=1", "zgr", "reinmax-cv:eta=0.7,tau2=0.1,k=10", "exact"],
            Samples = 64,
            BatchSize = 20,
        };
        var frame = new BiasVarianceStudy().Run(parameters, Environment("bias")).Statistics;
        Assert.Equal(16, frame.Rows.Count);
        for (int i = 0; i < 16; i++)
        {
            var spec = (string)frame["estimator"][i];
            double cosine = (double)frame["cosine"][i], spread = (double)frame["relative_std"][i];
            Assert.Equal(i < 8 ? 0L : 1L, (long)frame["seed"][i]);
            Assert.InRange((int)frame["batch"][i], 0, parameters.BatchPool - 1);
            if (spec == "exact")
            {
                // The exact gradient is its own mean with no spread.
                Assert.Equal(1.0, cosine, 5);
                Assert.True(spread < 1e-3, $"exact has spread {spread}");
            }
            else
            {
                // An estimate pointing away from the exact gradient (a sign error) has a cosine ≤ 0; a sampled one has a spread.
                Assert.True(cosine > 0, $"{spec}: cosine {cosine}");
                Assert.True(spread > 0 && double.IsFinite(spread), $"{spec}: spread {spread}");
            }
        }
        Assert.Equal("ReinMax-CV", (string)frame["title"][2]);
        // Two seeds train two different models: their exact gradients differ.
        Assert.NotEqual((double)frame["exact_norm"][0], (double)frame["exact_norm"][8]);

        // The summary is the mean and the standard error (sd/√2 for two seeds) over the seeds.
        var summary = BiasVarianceStudy.Summarise(frame);
        Assert.Equal(8, summary.Rows.Count);
        double a = (double)frame["cosine"][1], b = (double)frame["cosine"][9];
        Assert.Equal("zgr", (string)summary["estimator"][1]);
        Assert.Equal(2, (int)summary["seeds"][1]);
        Assert.Equal((a + b) / 2, (double)summary["cosine_mean"][1], 12);
        Assert.Equal(Math.Abs(a - b) / 2, (double)summary["cosine_se"][1], 12);

        // Resumed study: nothing left to do, same table.
        var again = new BiasVarianceStudy().Run(parameters, Environment("bias")).Statistics;
        Assert.Equal((double)frame["cosine"][9], (double)again["cosine"][9]);
    }

    [Fact]
    public void TemperatureStudyCoversEveryFamilyAndTemperatureWithZgrAndRfAsReferences()
    {
        var parameters = TemperatureStudyParameters.Quick with
        {
            Checkpoint = TemperatureStudyParameters.Quick.Checkpoint with { Configuration = "3x2", Epochs = 1, TrainSize = 200 },
            Temperatures = [0.1, 1.0],
            Families = [new("ST", "st"), new("GR-MC10", "gr-mc:k=10"), new("ReinMax-CV", "reinmax-cv:k=5")],
            Samples = 32,
            BatchSize = 20,
            TrainingTemperatures = [0.5, 2.0],
            Training = new SweepConfiguration("3x2", OptimizerKind.Adam, 1e-3),
            Epochs = 1,
            TrainSize = 200,
            Seeds = [0],
        };
        var result = new TemperatureStudy().Run(parameters, Environment("temperature"));
        // 3 families × 2 τ, then ZGR, then RF(4), the reference of the gradient part only (not trained).
        Assert.Equal(8, result.Gradients.Rows.Count);
        Assert.Equal(7, result.Training.Rows.Count);
        Assert.Equal("reinmax-cv:eta=0.7,k=5,tau2=0.1", (string)result.Gradients["spec"][4]);
        Assert.True(double.IsNaN((double)result.Gradients["tau"][6]));
        Assert.Equal("ZGR", (string)result.Gradients["estimator"][6]);
        Assert.Equal(("RF(4)", "reinforce-loo:m=4"), ((string)result.Gradients["estimator"][7], (string)result.Gradients["spec"][7]));
        Assert.True(double.IsNaN((double)result.Gradients["tau"][7]));
        Assert.True(double.IsFinite((double)result.Gradients["cosine"][7]) && double.IsFinite((double)result.Gradients["relative_std"][7]));
        Assert.DoesNotContain("reinforce-loo:m=4", Enumerable.Range(0, 7).Select(i => (string)result.Training["spec"][i]));
        // A training row is its run: GR-MC10 at τ = 2 trained alone reports the same final train −ELBO.
        using (var alone = new Trainer(new TrainingOptions(VaeConfiguration.Parse("3x2"), OptimizerKind.Adam, 1, TrainSize: 200) { ComputeTestLoss = false },
                   [new TrainingMember("gr-mc:k=10,tau=2", 1e-3, 0)]))
        {
            double expected = alone.Run(Data)[0].FinalTrainLoss!.Value;
            int row = Enumerable.Range(0, 7).Single(i => (string)result.Training["spec"][i] == "gr-mc:k=10,tau=2");
            Assert.Equal(expected, (double)result.Training["final_train_elbo"][row], 1e-4 * expected);
        }
    }

    [Fact]
    public void ATemperatureStudyWithoutATrainingPartWritesItsGradientFilesAndNoTrainingFigure()
    {
        var parameters = TemperatureStudyParameters.Quick with
        {
            Checkpoint = TemperatureStudyParameters.Quick.Checkpoint with { Configuration = "3x2", Epochs = 1, TrainSize = 200 },
            Temperatures = [1.0],
            Families = [new("ST", "st")],
            GradientReferences = [],
            Samples = 4,
            BatchSize = 20,
            TrainingTemperatures = [],
            Seeds = [],
        };
        var environment = Environment("gradients only");
        var result = new TemperatureStudy().Run(parameters, environment);
        Assert.Equal(2, result.Gradients.Rows.Count); // ST at τ = 1 and ZGR
        Assert.Equal(0, result.Training.Rows.Count);
        foreach (var file in new[] { "gradients.csv", "training.csv", "figure-gradients.html", "figure-tradeoff.html" })
            Assert.True(File.Exists(Path.Combine(environment.OutputDirectory, file)), file);
        Assert.False(File.Exists(Path.Combine(environment.OutputDirectory, "figure-training.html")));
    }
}

using System.Text.Json.Nodes;
using NotebookExperiments.Analyses;
using NotebookExperiments.Estimators;
using NotebookExperiments.Tests.Charts;
using NotebookExperiments.Tests.Support;
using NotebookExperiments.Training;
using static TorchSharp.torch;

namespace NotebookExperiments.Tests.Analyses.Running;

/// <summary>
/// The one runner of every analysis: the files and provenance it writes, units reused by any parameter set that needs them and by
/// no other (specs in canonical form, a rule edited in place), the plan it estimates, and what a stopped run has saved.
/// </summary>
public sealed class AnalysisRunnerTests : IDisposable
{
    private static readonly TrainingData Data = TinyData.Create(train: 300, test: 50);
    private readonly string _dir = Directory.CreateTempSubdirectory("runner-tests").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private AnalysisEnvironment Environment(string name, CancellationToken token = default) => new(Path.Combine(_dir, name), Data, CPU, Cancellation: token);

    private static BetaSweepParameters TinySweep => BetaSweepParameters.Quick with
    {
        Configurations = [new("3x2", OptimizerKind.Adam, 1e-3)],
        Betas = [0.0, 1.0],
        Seeds = [0],
        Epochs = 1,
        TrainSize = 200,
    };

    private static BiasVarianceParameters TinyStudy(params string[] estimators) => BiasVarianceParameters.Quick with
    {
        Training = BiasVarianceParameters.Quick.Training with { Configuration = "3x2", Epochs = 1, TrainSize = 200 },
        Seeds = [0],
        CheckpointEpochs = [1],
        Estimators = estimators,
        Samples = 8,
        BatchSize = 10,
    };

    [Fact]
    public void TheRunnerWritesTheAnalysisFilesAndItsProvenanceIntoTheResultFolder()
    {
        var run = AnalysisRunner.Run(new BetaSweep(), TinySweep, Environment("files") with { Command = "test" });
        var folder = Path.Combine(_dir, "files");
        Assert.Equal(["runs.csv", "summary.csv", "comparison.csv", "figure.html", "provenance.json"], run.Outcome.Files.Select(Path.GetFileName));
        Assert.All(run.Outcome.Files, f => Assert.True(File.Exists(f), f));
        Assert.All(run.Outcome.Files, f => Assert.Equal(folder, Path.GetDirectoryName(f)));
        var provenance = Provenance.ReadFrom(folder)!;
        Assert.Equal(("beta-sweep", "quick", false, "test", "cpu", ResultsRevision.Current), (provenance.Analysis, provenance.Preset,
            provenance.PaperProtocol, provenance.Command, provenance.Device, provenance.ResultsRevision));
        Assert.Equal((2, 2), (provenance.Units, provenance.UnitsComputed));
        Assert.Equal(TinySweep.Describe(), provenance.Description);
        Assert.Equal(200, (int)provenance.Parameters!["train_size"]!);
        Assert.Contains("cores", provenance.Machine, StringComparison.Ordinal);
        Assert.Single(run.Outcome.Tables);
        // The count of verdicts against the published sweep, then the sweep's reading.
        Assert.StartsWith("Against the published numbers (comparison.csv):", run.Outcome.Notes[0], StringComparison.Ordinal);
        Assert.Equal(BetaSweepReading.Of(run.Result, TinySweep, Data).Sentences, run.Outcome.Notes.Skip(1));
    }

    [Fact]
    public void AddingAValueReusesTheStoredUnitsOfTheOthers()
    {
        AnalysisRunner.Run(new BetaSweep(), TinySweep, Environment("reuse"));
        var wider = AnalysisRunner.Run(new BetaSweep(), TinySweep with { Betas = [0.0, 0.5, 1.0] }, Environment("reuse"));
        Assert.Equal((3, 1), (wider.Outcome.Provenance.Units, wider.Outcome.Provenance.UnitsComputed));
        Assert.Equal(3, wider.Result.Runs.Rows.Count);
        // Another budget is another computation: nothing is reused.
        var longer = AnalysisRunner.Run(new BetaSweep(), TinySweep with { Epochs = 2 }, Environment("reuse"));
        Assert.Equal(2, longer.Outcome.Provenance.UnitsComputed);
    }

    [Fact]
    public void SpecsThatNameTheSameEstimatorAreOneUnit()
    {
        var first = AnalysisRunner.Run(new BiasVarianceStudy(), TinyStudy("st:tau=1", "gr-mc:k=4"), Environment("specs"));
        Assert.Equal(2, first.Outcome.Provenance.UnitsComputed);
        var again = AnalysisRunner.Run(new BiasVarianceStudy(), TinyStudy("st:tau=1.0", "gr-mc:tau=1.00,k=4"), Environment("specs"));
        Assert.Equal(0, again.Outcome.Provenance.UnitsComputed);
        Assert.Equal(["st:tau=1", "gr-mc:k=4,tau=1"], again.Result.Statistics["estimator"].Cast<string>());
    }

    [Fact]
    public void AnEditedRuleKeepingItsNameIsNeverServedTheOldRulesResults()
    {
        EstimatorCatalog.Default.Register(new BackwardRuleEstimator("test-edited-rule", (pi, d, g, tau) => d - pi));
        var before = AnalysisRunner.Run(new BiasVarianceStudy(), TinyStudy("test-edited-rule"), Environment("edited"));
        Assert.Equal(1, before.Outcome.Provenance.UnitsComputed);

        EstimatorCatalog.Default.Register(new BackwardRuleEstimator("test-edited-rule", (pi, d, g, tau) => 2.0 * (d - pi)));
        var after = AnalysisRunner.Run(new BiasVarianceStudy(), TinyStudy("test-edited-rule"), Environment("edited"));
        Assert.Equal(1, after.Outcome.Provenance.UnitsComputed);
        Assert.NotEqual((double)before.Result.Statistics["mean_norm"][0], (double)after.Result.Statistics["mean_norm"][0]);

        // A captured value is part of the rule: another value, another rule.
        double scale = 3.0;
        EstimatorCatalog.Default.Register(new BackwardRuleEstimator("test-edited-rule", (pi, d, g, tau) => scale * (d - pi)));
        var scaled = EstimatorCatalog.Default.IdentityOf("test-edited-rule");
        scale = 4.0;
        EstimatorCatalog.Default.Register(new BackwardRuleEstimator("test-edited-rule", (pi, d, g, tau) => scale * (d - pi)));
        Assert.NotEqual(scaled, EstimatorCatalog.Default.IdentityOf("test-edited-rule"));
        Assert.Matches("^test-edited-rule@[0-9a-f]{16}$", scaled);
        // Built-ins are named by their canonical spec alone (their code changes with the results revision).
        Assert.Equal("st:tau=0.5", EstimatorCatalog.Default.IdentityOf("st:tau=0.50"));
    }

    [Fact]
    public void ThePlanCountsWhatIsLeftAndTimesItHere()
    {
        var plan = new BetaSweep().Estimate(TinySweep, Environment("plan"));
        Assert.Equal((1, 2, 2 * 2.0), (plan.Jobs, plan.Units, plan.MemberSteps)); // 2 runs × 2 steps (200 images, batch 100)
        Assert.True(plan.Seconds > 0 && plan.Seconds < 60, plan.Describe());
        Assert.Single(plan.Rates);
        // A time, with or without a word on a busy machine (other processes, or steps that disagree: PlanEstimateTests).
        Assert.Matches("^beta-sweep: 2 units to run in 1 job, 4 member-steps: .*about [0-9]+ s", plan.Describe());
        Assert.True(double.IsNaN(new BetaSweep().Estimate(TinySweep, Environment("plan"), measure: false).Seconds));

        new BetaSweep().Run(TinySweep, Environment("plan"));
        var done = new BetaSweep().Estimate(TinySweep, Environment("plan"));
        Assert.Equal(0, done.Jobs);
        Assert.Equal("beta-sweep: every unit is finished; nothing to run.", done.Describe());
    }

    [Fact]
    public void AStoppedRunSaysWhatItSaved()
    {
        var parameters = TinySweep with { Configurations = [new("3x2", OptimizerKind.Adam, 1e-3), new("2x3", OptimizerKind.Adam, 1e-3)], Epochs = 2 };
        using var cts = new CancellationTokenSource();
        var environment = Environment("stopped", cts.Token) with
        {
            CheckpointEnsembles = true,
            Progress = new SynchronousProgress<AnalysisProgress>(p => { if (p.Detail.StartsWith("2x3", StringComparison.Ordinal) && p.Detail.Contains("epoch 2/2")) cts.Cancel(); }),
        };
        Assert.Throws<OperationCanceledException>(() => new BetaSweep().Run(parameters, environment));
        // The first configuration's two runs were recorded; both ensembles wrote their first epoch's checkpoint, the first its second too.
        Assert.Equal(2, environment.Saved.Units);
        Assert.Equal(3, environment.Saved.Checkpoints);
        Assert.Single(Directory.GetDirectories(Path.Combine(_dir, "stopped", "work"), "ensemble-*"));
        // Run again without asking for checkpoints: the interrupted ensemble still goes on from its own.
        var resumed = AnalysisRunner.Run(new BetaSweep(), parameters, Environment("stopped"));
        Assert.Equal(2, resumed.Outcome.Provenance.UnitsComputed);
        Assert.Empty(Directory.GetDirectories(Path.Combine(_dir, "stopped", "work"), "ensemble-*"));
    }
}

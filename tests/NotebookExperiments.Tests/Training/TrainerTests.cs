using NotebookExperiments.Models;
using NotebookExperiments.Estimators;
using NotebookExperiments.Tests.Support;
using NotebookExperiments.Training;
using static TorchSharp.torch;

namespace NotebookExperiments.Tests.Training;

/// <summary>The trainer: reproducible runs, exact resume from a checkpoint, ensemble members equal to lone runs, divergence.</summary>
public sealed class TrainerTests : IDisposable
{
    private static readonly TrainingData Data = TinyData.Create();
    private readonly string _dir = Directory.CreateTempSubdirectory("trainer-tests").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static TrainingOptions Options(int epochs = 3, OptimizerKind optimizer = OptimizerKind.Adam) =>
        new(TinyData.Config, optimizer, epochs, BatchSize: 50);

    private static IReadOnlyList<MemberResult> Train(TrainingOptions options, params TrainingMember[] members)
    {
        using var trainer = new Trainer(options, members);
        return trainer.Run(Data);
    }

    private static void AssertSameHistory(MemberResult expected, MemberResult actual, double relative)
    {
        Assert.Equal(expected.History.Count, actual.History.Count);
        foreach (var (e, a) in expected.History.Zip(actual.History))
        {
            Assert.Equal(e.Epoch, a.Epoch);
            Assert.True(Math.Abs(e.TrainLoss - a.TrainLoss) <= relative * Math.Abs(e.TrainLoss), $"epoch {e.Epoch}: train {e.TrainLoss} vs {a.TrainLoss}");
            Assert.True(Math.Abs(e.TestLoss!.Value - a.TestLoss!.Value) <= relative * Math.Abs(e.TestLoss.Value), $"epoch {e.Epoch}: test {e.TestLoss} vs {a.TestLoss}");
        }
    }

    [Fact]
    public void LearnsAndIsReproducibleForASeed()
    {
        var member = new TrainingMember("reinmax:tau=1.3", 1e-2, Seed: 11);
        var first = Assert.Single(Train(Options(epochs: 24), member));
        var second = Assert.Single(Train(Options(epochs: 24), member));
        AssertSameHistory(first, second, 0);
        // Learning means using the latent: the final train −ELBO is below that of the best model whose latent carries nothing
        // (q = prior, decoder = the mean image; CollapsedPosterior), which no z-independent decoder can beat.
        double uninformative = CollapsedPosterior.PriorLoss(Data.Train);
        Assert.True(first.History[^1].TrainLoss < uninformative,
            $"train −ELBO {first.History[^1].TrainLoss:F2} not below {uninformative:F2}: " + string.Join(", ", first.History.Select(h => h.TrainLoss.ToString("F2"))));
        Assert.False(first.Diverged);

        var other = Assert.Single(Train(Options(epochs: 24), member with { Seed = 12 }));
        Assert.NotEqual(first.History[^1].TrainLoss, other.History[^1].TrainLoss);
    }

    /// <summary>Wraps an estimator and records, for every step, the logits θ and the per-example reconstruction loss it saw.</summary>
    private sealed class RecordingEstimator(IGradientEstimator inner) : IGradientEstimator
    {
        public List<(Tensor Logits, Tensor Reconstruction)> Steps { get; } = [];

        public string Spec => "recording";

        public int? ObjectiveEvaluations => inner.ObjectiveEvaluations;

        public Tensor Surrogate(Tensor logits, LatentObjective objective, Generator generator)
        {
            var theta = logits.detach().clone().DetachFromDisposeScope();
            return inner.Surrogate(logits, z =>
            {
                var reconstruction = objective(z);
                Steps.Add((theta, reconstruction.detach().clone().DetachFromDisposeScope()));
                return reconstruction;
            }, generator);
        }
    }

    [Fact]
    public void TheReportedTrainElboIsTheExampleWeightedMeanOfEveryStepsReconstructionPlusKl()
    {
        // One epoch on the 240 images in batches of 100, 100 and 40. Recomputed from what each step saw: per example, the
        // reconstruction loss plus the KL of softmax θ to the uniform prior, Σ_c q_c log q_c + log C summed over the L
        // variables; summed over every example of the epoch and divided by 240. Dropping the KL changes it by the mean KL;
        // weighting the three batch means equally instead of by their sizes changes it by (2ℓ₃ − ℓ₁ − ℓ₂)/12.
        var recording = new RecordingEstimator(new ReinMax(1.3));
        var catalog = EstimatorCatalog.CreateBuiltIn();
        catalog.Register(new EstimatorDefinition("recording", "recording", "test", [], _ => recording));
        var options = new TrainingOptions(TinyData.Config, OptimizerKind.Adam, Epochs: 1, BatchSize: 100, TrainSize: 240) { ComputeTestLoss = false };
        using var trainer = new Trainer(options, [new TrainingMember("recording", 3e-2, 5)], catalog);
        double reported = Assert.Single(trainer.Run(Data)).History.Single().TrainLoss;

        Assert.Equal([100L, 100L, 40L], recording.Steps.Select(s => s.Reconstruction.shape[0]));
        double total = 0, klTotal = 0;
        var stepMeans = new List<double>();
        foreach (var (theta, reconstruction) in recording.Steps)
        {
            var logq = (theta - theta.logsumexp(-1, keepdim: true)).to(ScalarType.Float64);
            var kl = (logq.exp() * logq).sum([-2, -1]) + theta.shape[^2] * Math.Log(theta.shape[^1]);      // [B]
            var perExample = reconstruction.to(ScalarType.Float64) + kl;
            total += perExample.sum().item<double>();
            klTotal += kl.sum().item<double>();
            stepMeans.Add(perExample.mean().item<double>());
        }
        double recomputed = total / 240, meanKl = klTotal / 240, perBatch = stepMeans.Average();
        const double tolerance = 1e-3;
        Assert.True(Math.Abs(reported - recomputed) <= tolerance, $"reported {reported}, recomputed {recomputed}");
        // The check has power against both mistakes it names.
        Assert.True(meanKl > 10 * tolerance, $"mean KL {meanKl} too small to notice its absence");
        Assert.True(Math.Abs(perBatch - recomputed) > 10 * tolerance, $"per-batch weighting {perBatch} too close to {recomputed}");
    }

    [Fact]
    public void TheTestElboIsTheSampledLossOfTheFinalModelOnEveryTestImage()
    {
        // After the last epoch: z ~ Cat(softmax θ) drawn with the generator of (seed, epoch), per image the reconstruction loss
        // plus the KL to the uniform prior, averaged over the 60 test images.
        var member = new TrainingMember("st-gs:tau=0.7", 1e-2, Seed: 3);
        using var trainer = new Trainer(Options(epochs: 2), [member]);
        double reported = trainer.Run(Data)[0].History[^1].TestLoss!.Value;
        using var _ = no_grad();
        using var generator = new Generator((ulong)(member.Seed * 1_000_003L + 7919L * 2 + 17));
        var x = Data.Test.unsqueeze(0);
        var logits = trainer.Model.EncoderLogits(x);
        var z = Categorical.Sample(logits[0], generator).unsqueeze(0);
        var logq = nn.functional.log_softmax(logits, -1);
        var kl = (logq.exp() * logq).sum([-2, -1]) + TinyData.Config.Latents * Math.Log(TinyData.Config.Categories);
        double expected = (trainer.Model.ReconstructionLoss(x, z) + kl).to(ScalarType.Float64).mean().item<double>();
        Assert.Equal(expected, reported, 1e-4 * expected);
    }

    [Fact]
    public void ResumingFromACheckpointGivesTheUninterruptedResult()
    {
        var members = new[] { new TrainingMember("gr-mc:k=5,tau=0.5", 2e-3, 3), new TrainingMember("st:tau=1.2", 1e-3, 4) };
        var options = Options(epochs: 4, OptimizerKind.RAdam) with { CheckpointEpochs = [2], CheckpointDirectory = _dir };
        var uninterrupted = Train(options with { CheckpointDirectory = null }, members);

        // "Kill" the run during epoch 3, after the epoch-2 checkpoint was written.
        using (var cts = new CancellationTokenSource())
        using (var trainer = new Trainer(options, members))
        {
            var progress = new SynchronousProgress<TrainingProgress>(p => { if (p.Epoch == 3 && p.Batch == 2) cts.Cancel(); });
            Assert.Throws<OperationCanceledException>(() => trainer.Run(Data, progress, cts.Token));
        }
        var latest = Checkpoint.Latest(_dir);
        Assert.EndsWith(Checkpoint.FileName(2), latest);
        using var resumed = Trainer.Resume(Checkpoint.Load(latest!));
        Assert.Equal(2, resumed.CompletedEpochs);
        var results = resumed.Run(Data);
        for (int m = 0; m < members.Length; m++) AssertSameHistory(uninterrupted[m], results[m], 0);
    }

    [Fact]
    public void EnsembleMembersMatchTheSameRunsAlone()
    {
        // Relaxing estimators share one batched decoder pass; REINFORCE forces the member-by-member path.
        var relaxing = new[]
        {
            new TrainingMember("reinmax-rk2:beta=0.3", 2e-3, 21),
            new TrainingMember("st-gs:tau=0.7", 1e-3, 22),
            new TrainingMember("reinmax-cv:k=4,tau2=0.5", 3e-3, 23),
        };
        var together = Train(Options(epochs: 2), relaxing);
        for (int m = 0; m < relaxing.Length; m++)
            AssertSameHistory(Assert.Single(Train(Options(epochs: 2), relaxing[m])), together[m], 1e-4);

        var mixed = new[] { new TrainingMember("reinforce-loo:m=3", 1e-3, 31), new TrainingMember("zgr", 1e-3, 32) };
        var mixedTogether = Train(Options(epochs: 2), mixed);
        for (int m = 0; m < mixed.Length; m++)
            AssertSameHistory(Assert.Single(Train(Options(epochs: 2), mixed[m])), mixedTogether[m], 1e-4);
    }

    [Fact]
    public void TheFusedStepEqualsTheReferenceStepAndFullSizeMembersEqualTheirLoneRuns()
    {
        // The paper's 8×4 VAE (784-512-256-32), whose two large layers take the member-by-member weight-gradient path in an
        // ensemble; three members of a β sweep, two epochs of four steps each.
        var options = new TrainingOptions(new VaeConfiguration(8, 4), OptimizerKind.Adam, Epochs: 2, BatchSize: 50, TrainSize: 200);
        var members = new[]
        {
            new TrainingMember("reinmax-rk2:beta=0.2", 1e-3, 5),
            new TrainingMember("reinmax-rk2:beta=0.5", 2e-3, 6),
            new TrainingMember("reinmax-rk2:beta=0.9", 1e-3, 7),
        };
        var fused = Train(options, members);
        var reference = Train(options with { Kernels = StepKernels.Reference }, members);
        for (int m = 0; m < members.Length; m++)
        {
            AssertSameHistory(reference[m], fused[m], 1e-5);
            AssertSameHistory(Assert.Single(Train(options, members[m])), fused[m], 1e-5);
        }
    }

    [Fact]
    public void ADivergingMemberIsRecordedAndTheOthersGoOn()
    {
        EstimatorCatalog.Default.Register(new BackwardRuleEstimator("test-exploding", (pi, d, g, tau) => g * double.PositiveInfinity));
        var results = Train(Options(epochs: 3),
            new TrainingMember("test-exploding", 1e-3, 1), new TrainingMember("zgr", 1e-3, 1));
        Assert.True(results[0].Diverged);
        Assert.InRange(results[0].DivergedAtEpoch!.Value, 1, 2);
        Assert.False(double.IsFinite(results[0].History[^1].TrainLoss));
        Assert.False(results[1].Diverged);
        Assert.Equal(3, results[1].History.Count);
        Assert.All(results[1].History, h => Assert.True(double.IsFinite(h.TrainLoss)));
    }

    [Fact]
    public void ACorruptCheckpointIsReportedWithItsPath()
    {
        var path = Path.Combine(_dir, Checkpoint.FileName(1));
        File.WriteAllText(path, "NBEXCKPT but not really");
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void BadOptionsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(Options(epochs: 0), [new TrainingMember("st", 1e-3, 1)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(Options() with { CheckpointEpochs = [9] }, [new TrainingMember("st", 1e-3, 1)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(Options(), [new TrainingMember("st", -1, 1)]));
        Assert.Throws<EstimatorSpecException>(() => new Trainer(Options(), [new TrainingMember("nope", 1e-3, 1)]));
    }
}

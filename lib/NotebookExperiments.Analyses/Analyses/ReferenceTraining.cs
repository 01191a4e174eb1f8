using NotebookExperiments.Estimators;
using NotebookExperiments.Models;
using NotebookExperiments.Training;
using static TorchSharp.torch;

namespace NotebookExperiments.Analyses;

/// <summary>How the model whose gradients are studied is trained: one run, checkpointed at chosen epochs.</summary>
/// <param name="Configuration">C×L, e.g. <c>8x4</c>.</param>
/// <param name="Estimator">The training estimator's spec (ReinMax at τ = 1 in Beyond ReinMax's Fig. 1).</param>
/// <param name="Optimizer">Adam or RAdam.</param>
/// <param name="LearningRate">The learning rate.</param>
/// <param name="Epochs">Epochs.</param>
/// <param name="TrainSize">Training-set size limit, null for all.</param>
/// <param name="Seed">The seed.</param>
/// <param name="BatchSize">Examples per step.</param>
public sealed record ReferenceTraining(string Configuration, string Estimator, OptimizerKind Optimizer, double LearningRate, int Epochs,
    int? TrainSize, long Seed, int BatchSize = 100)
{
    /// <summary>
    /// The training as a unit's key names it (<see cref="UnitKey.Of"/>): configuration, estimator identity, optimizer, learning
    /// rate, epochs, the training images used (<see cref="TrainSize"/> capped at <paramref name="trainImages"/>), batch size and seed.
    /// </summary>
    internal object KeyOf(long trainImages) => new
    {
        configuration = Configuration,
        estimator = EstimatorCatalog.Default.IdentityOf(Estimator),
        optimizer = Optimizer.ToString(),
        learning_rate = LearningRate,
        epochs = Epochs,
        train_images = TrainSize is int limit ? Math.Min(limit, trainImages) : trainImages,
        batch_size = BatchSize,
        seed = Seed,
    };

    /// <summary>Trains (or resumes, or finds finished) the run in <paramref name="directory"/> with checkpoints at the given epochs.</summary>
    /// <returns>The training steps run now (0 when the checkpoints were there), already completed on <paramref name="meter"/>.</returns>
    internal double EnsureTrained(string directory, IReadOnlyList<int> checkpointEpochs, AnalysisEnvironment environment, ProgressMeter meter,
        string? label = null)
    {
        if (IsTrained(directory, checkpointEpochs)) return 0;
        var options = new TrainingOptions(VaeConfiguration.Parse(Configuration), Optimizer, Epochs, BatchSize, TrainSize)
        {
            CheckpointEpochs = checkpointEpochs,
            Device = environment.Device,
            ComputeTestLoss = false,
        };
        double planned = 0;
        var progress = new SynchronousProgress<TrainingProgress>(p =>
        {
            planned = (double)p.Epochs * p.Batches;
            if (p.Finished is not null && checkpointEpochs.Contains(p.Epoch)) environment.Saved.Checkpoint();
            meter.Report($"training the {Configuration} model with {Estimator}{(label is null ? "" : ", " + label)}: epoch {p.Epoch}/{p.Epochs}, batch {p.Batch}/{p.Batches}",
                (p.Epoch - 1.0) * p.Batches + p.Batch);
        });
        var results = TrainingSession.Run(options, [new TrainingMember(Estimator, LearningRate, Seed)], environment.Data, directory,
            resume: true, progress, environment.Cancellation);
        if (results[0].Diverged)
            throw new InvalidOperationException($"The reference model diverged at epoch {results[0].DivergedAtEpoch}; choose another learning rate or seed.");
        meter.Complete(planned);
        return planned;
    }

    /// <summary>Whether <paramref name="directory"/> holds the checkpoint of every epoch of <paramref name="checkpointEpochs"/>.</summary>
    internal static bool IsTrained(string directory, IReadOnlyList<int> checkpointEpochs) =>
        checkpointEpochs.All(e => File.Exists(Path.Combine(directory, "checkpoints", Checkpoint.FileName(e))));

    /// <summary>Training steps on a training set of <paramref name="trainImages"/> images (before the size limit).</summary>
    internal double Steps(long trainImages) => ProgressMeter.StepsOf(Epochs, TrainSize, trainImages, BatchSize);

    /// <summary>The model of the checkpoint after <paramref name="epoch"/>.</summary>
    internal static Trainer Load(string directory, int epoch, Device device) =>
        Trainer.Resume(Checkpoint.Load(Path.Combine(directory, "checkpoints", Checkpoint.FileName(epoch))), device: device);

    /// <summary>
    /// The fixed batch of the gradient studies: <paramref name="size"/> training images chosen by a permutation seeded with
    /// <paramref name="seed"/> (the same batch at every checkpoint).
    /// </summary>
    internal Tensor FixedBatch(TrainingData data, int size, long seed, Device device)
    {
        long n = TrainSize is int limit ? Math.Min(limit, data.Train.shape[0]) : data.Train.shape[0];
        using var generator = new Generator((ulong)seed + 0x5EED);
        var index = randperm(n, generator: generator).narrow(0, 0, Math.Min(size, n));
        return data.Train.index_select(0, index).to(ScalarType.Float32, device);
    }

    /// <summary>
    /// The batch of the bias/variance protocol at a checkpoint (Beyond ReinMax; docs/estimators.md, C.1): batch number
    /// <paramref name="batchIndex"/> of the order in which the checkpointed run would visit its training images next (its
    /// seed's data order for the following epoch).
    /// </summary>
    /// <returns>The images <c>[size, 784]</c>.</returns>
    internal Tensor CheckpointBatch(Trainer trainer, TrainingData data, int size, int batchIndex, Device device)
    {
        long n = TrainSize is int limit ? Math.Min(limit, data.Train.shape[0]) : data.Train.shape[0];
        using var scope = NewDisposeScope();
        var order = trainer.NextEpochOrder(0, n).cpu();
        long start = Math.Min((long)batchIndex * size, Math.Max(0, n - size));
        var index = order.narrow(0, start, Math.Min(size, n));
        return data.Train.index_select(0, index).to(ScalarType.Float32, device).MoveToOuterDisposeScope();
    }
}

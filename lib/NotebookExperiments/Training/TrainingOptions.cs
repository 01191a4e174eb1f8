using NotebookExperiments.Models;
using static TorchSharp.torch;

namespace NotebookExperiments.Training;

/// <summary>One independent training run inside a (possibly batched) training job.</summary>
/// <param name="Estimator">The estimator's spec string, e.g. <c>reinmax:tau=1.3</c>.</param>
/// <param name="LearningRate">The learning rate (&gt; 0).</param>
/// <param name="Seed">Seeds the member's initialisation, data order and every estimator draw.</param>
public sealed record TrainingMember(string Estimator, double LearningRate, long Seed);

/// <summary>What is shared by every member of a training job.</summary>
/// <param name="Configuration">The VAE's C×L.</param>
/// <param name="Optimizer">Adam or RAdam.</param>
/// <param name="Epochs">The number of epochs (≥ 1).</param>
/// <param name="BatchSize">Examples per step (100 in the reference).</param>
/// <param name="TrainSize">Use only the first N training images (quick runs); null for all.</param>
/// <param name="DynamicBinarization">Draw binary pixels ~ Bernoulli(grey level) for every batch (off in the reference).</param>
public sealed record TrainingOptions(
    VaeConfiguration Configuration,
    OptimizerKind Optimizer,
    int Epochs,
    int BatchSize = 100,
    int? TrainSize = null,
    bool DynamicBinarization = false)
{
    /// <summary>Epochs after which a checkpoint is written (when a checkpoint directory is given).</summary>
    public IReadOnlyList<int> CheckpointEpochs { get; init; } = [];

    /// <summary>Where checkpoints go; null writes none.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>Delete older checkpoints after writing a new one (long sweeps that checkpoint every epoch only to resume).</summary>
    public bool KeepOnlyLatestCheckpoint { get; init; }

    /// <summary>The compute device.</summary>
    public Device Device { get; init; } = CPU;

    /// <summary>Whether to compute the test −ELBO after every epoch (otherwise only after the last).</summary>
    public bool TestEveryEpoch { get; init; } = true;

    /// <summary>Whether to compute the test −ELBO at all (sweeps whose metric is the train −ELBO skip it).</summary>
    public bool ComputeTestLoss { get; init; } = true;

    /// <summary>The fast paths (default) or the reference implementation of a step; not part of a checkpoint.</summary>
    public StepKernels Kernels { get; init; } = StepKernels.Fused;

    /// <summary>Throws when a field is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Epochs or batch size &lt; 1, train size &lt; 1, or a checkpoint epoch outside 1..Epochs.</exception>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be at least 1.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "The batch size must be at least 1.");
        if (TrainSize is < 1) throw new ArgumentOutOfRangeException(nameof(TrainSize), TrainSize, "The training-set size must be at least 1.");
        foreach (var e in CheckpointEpochs)
            if (e < 1 || e > Epochs) throw new ArgumentOutOfRangeException(nameof(CheckpointEpochs), e, $"Checkpoint epochs must lie in 1..{Epochs}.");
    }
}

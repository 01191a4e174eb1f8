namespace NotebookExperiments.Training;

/// <summary>
/// One epoch of one member: the train −ELBO as the reference reports it (the running average over the epoch of the
/// per-batch loss, weighted by batch size) and the test −ELBO after the epoch (one-hot samples D ~ Cat(softmax θ)),
/// in nats per example.
/// </summary>
/// <param name="Member">The member's index in its job.</param>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="TrainLoss">Train −ELBO (NaN or ∞ when the run diverged in this epoch).</param>
/// <param name="TestLoss">Test −ELBO, or null when not computed this epoch.</param>
/// <param name="Seconds">Wall time of the epoch for the whole job.</param>
public sealed record EpochMetrics(int Member, int Epoch, double TrainLoss, double? TestLoss, double Seconds);

/// <summary>Progress of a training job, reported after every batch.</summary>
/// <param name="Epoch">The current epoch (1-based).</param>
/// <param name="Epochs">The number of epochs of the job.</param>
/// <param name="Batch">Batches done in this epoch.</param>
/// <param name="Batches">Batches per epoch.</param>
/// <param name="Finished">The metrics of the epoch just finished (on the last batch of an epoch), else null.</param>
public sealed record TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, IReadOnlyList<EpochMetrics>? Finished);

/// <summary>The outcome of one member's run.</summary>
/// <param name="Member">The member.</param>
/// <param name="History">Its metrics, one per completed epoch.</param>
/// <param name="DivergedAtEpoch">The epoch whose loss was not finite (the run stopped there), or null.</param>
public sealed record MemberResult(TrainingMember Member, IReadOnlyList<EpochMetrics> History, int? DivergedAtEpoch)
{
    /// <summary>Whether the run diverged.</summary>
    public bool Diverged => DivergedAtEpoch is not null;

    /// <summary>Train −ELBO of the last completed epoch.</summary>
    public double? FinalTrainLoss => History.Count == 0 ? null : History[^1].TrainLoss;

    /// <summary>The last test −ELBO computed.</summary>
    public double? FinalTestLoss => History.LastOrDefault(h => h.TestLoss is not null)?.TestLoss;
}

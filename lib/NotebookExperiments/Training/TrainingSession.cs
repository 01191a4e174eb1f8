using System.Text.Json;
using NotebookExperiments.Estimators;

namespace NotebookExperiments.Training;

/// <summary>The summary of one member's run, as written to <c>summary.json</c> and printed by <c>train --json</c>.</summary>
/// <param name="Estimator">The estimator's spec.</param>
/// <param name="Configuration">C×L.</param>
/// <param name="Optimizer">adam or radam.</param>
/// <param name="LearningRate">The learning rate.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Epochs">Epochs completed.</param>
/// <param name="TrainSize">The training-set size limit, or null for all.</param>
/// <param name="FinalTrainElbo">Train −ELBO of the last epoch (nats).</param>
/// <param name="FinalTestElbo">Test −ELBO after the last epoch (nats).</param>
/// <param name="Diverged">Whether the loss became non-finite.</param>
/// <param name="DivergedAtEpoch">The epoch it did, or null.</param>
public sealed record TrainingSummary(
    string Estimator, string Configuration, string Optimizer, double LearningRate, long Seed, int Epochs, int? TrainSize,
    double? FinalTrainElbo, double? FinalTestElbo, bool Diverged, int? DivergedAtEpoch);

/// <summary>
/// A training job with its files: checkpoints under <c>checkpoints/</c>, <c>metrics.csv</c> rewritten after every epoch, and
/// <c>summary.json</c> at the end; resumable from the latest checkpoint when the job's definition is the same.
/// </summary>
public static class TrainingSession
{
    /// <summary>Runs (or resumes) a job and writes its files to <paramref name="outputDirectory"/>.</summary>
    /// <exception cref="ArgumentException">Resuming, but the checkpoint found was written for another job definition.</exception>
    public static IReadOnlyList<MemberResult> Run(TrainingOptions options, IReadOnlyList<TrainingMember> members, TrainingData data,
        string outputDirectory, bool resume = false, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        var checkpoints = Path.Combine(outputDirectory, "checkpoints");
        var withFiles = options with { CheckpointDirectory = checkpoints };
        var latest = resume ? Checkpoint.Latest(checkpoints) : null;
        using var trainer = latest is null ? new Trainer(withFiles, members) : ResumeMatching(latest, withFiles, members);

        var metrics = Path.Combine(outputDirectory, "metrics.csv");
        var reporter = new SynchronousProgress<TrainingProgress>(p =>
        {
            if (p.Finished is not null) TrainingReport.SaveCsvAtomically(trainer.Results, metrics);
            progress?.Report(p);
        });
        var results = trainer.Run(data, reporter, cancellation);
        TrainingReport.SaveCsvAtomically(results, metrics);
        var summaries = Summaries(options, results);
        File.WriteAllText(Path.Combine(outputDirectory, "summary.json"),
            JsonSerializer.Serialize(summaries.Count == 1 ? summaries[0] : (object)summaries, Checkpoint.JsonOptions));
        return results;
    }

    /// <summary>One summary per member.</summary>
    public static IReadOnlyList<TrainingSummary> Summaries(TrainingOptions options, IReadOnlyList<MemberResult> results) =>
        results.Select(r => new TrainingSummary(r.Member.Estimator, options.Configuration.Name, options.Optimizer.ToString().ToLowerInvariant(),
            r.Member.LearningRate, r.Member.Seed, r.History.Count, options.TrainSize, r.FinalTrainLoss, r.FinalTestLoss, r.Diverged,
            r.DivergedAtEpoch)).ToList();

    private static Trainer ResumeMatching(string path, TrainingOptions options, IReadOnlyList<TrainingMember> members)
    {
        var checkpoint = Checkpoint.Load(path);
        var h = checkpoint.Header;
        var saved = h.ToOptions();
        bool sameJob = (saved.Configuration, saved.Optimizer, saved.Epochs, saved.BatchSize, saved.TrainSize, saved.DynamicBinarization) ==
                       (options.Configuration, options.Optimizer, options.Epochs, options.BatchSize, options.TrainSize, options.DynamicBinarization);
        var canonical = members.Select(m => m with { Estimator = EstimatorCatalog.Default.Create(m.Estimator).Spec }).ToList();
        var savedMembers = h.Members.Select(m => m with { Estimator = EstimatorCatalog.Default.Create(m.Estimator).Spec }).ToList();
        if (!sameJob || !savedMembers.SequenceEqual(canonical))
            throw new ArgumentException(
                $"{path} was written for another job ({h.Configuration.Name}, {h.Optimizer}, {h.Epochs} epochs, batch {h.BatchSize}, " +
                $"train size {h.TrainSize?.ToString() ?? "all"}, members {string.Join("; ", h.Members)}). " +
                "Use another output folder, or delete it to start over.");
        return Trainer.Resume(checkpoint, options.CheckpointEpochs, options.CheckpointDirectory, options.Device);
    }
}

using System.Security.Cryptography;
using System.Text;
using NotebookExperiments.Training;

namespace NotebookExperiments.Analyses;

/// <summary>
/// Trains the pending runs of an analysis as batched ensembles of at most <c>maxMembers</c> (one configuration per job),
/// reporting progress and handing each finished run to the caller, who records it in the result store.
/// </summary>
internal static class EnsembleTraining
{
    /// <param name="analysis">The analysis name, for progress.</param>
    /// <param name="options">Options shared by the runs.</param>
    /// <param name="runs">The pending runs.</param>
    /// <param name="maxMembers">Largest ensemble.</param>
    /// <param name="checkpointRoot">When set, each ensemble checkpoints every epoch (latest only) under this folder and resumes
    /// after a crash; when null, an interrupted ensemble starts over.</param>
    /// <param name="environment">Data, device, progress and cancellation.</param>
    /// <param name="done">Units finished so far, for progress.</param>
    /// <param name="total">All units, for progress.</param>
    /// <param name="label">What the runs are, e.g. <c>8x4</c>.</param>
    /// <param name="finished">Called for every finished run with its index in <paramref name="runs"/>.</param>
    public static void Train(string analysis, TrainingOptions options, IReadOnlyList<TrainingMember> runs, int maxMembers,
        string? checkpointRoot, AnalysisEnvironment environment, Func<int> done, int total, string label, Action<int, MemberResult> finished)
    {
        for (int start = 0; start < runs.Count; start += maxMembers)
        {
            var chunk = runs.Skip(start).Take(maxMembers).ToList();
            var jobOptions = options with { Device = environment.Device };
            var progress = new SynchronousProgress<TrainingProgress>(p => environment.Progress?.Report(new AnalysisProgress(analysis, done(), total,
                $"{label}: {chunk.Count} run{(chunk.Count == 1 ? "" : "s")} together, epoch {p.Epoch}/{p.Epochs}, batch {p.Batch}/{p.Batches}",
                (p.Epoch - 1 + (double)p.Batch / p.Batches) / p.Epochs)));
            IReadOnlyList<MemberResult> results;
            if (checkpointRoot is null)
            {
                using var trainer = new Trainer(jobOptions, chunk);
                results = trainer.Run(environment.Data, progress, environment.Cancellation);
            }
            else
            {
                var directory = Path.Combine(checkpointRoot, "job-" + JobKey(options, chunk));
                var withCheckpoints = jobOptions with { CheckpointEpochs = Enumerable.Range(1, options.Epochs).ToList(), KeepOnlyLatestCheckpoint = true };
                results = TrainingSession.Run(withCheckpoints, chunk, environment.Data, directory, resume: true, progress, environment.Cancellation);
            }
            for (int i = 0; i < chunk.Count; i++) finished(start + i, results[i]);
            if (checkpointRoot is not null) Directory.Delete(Path.Combine(checkpointRoot, "job-" + JobKey(options, chunk)), recursive: true);
        }
    }

    private static string JobKey(TrainingOptions options, IReadOnlyList<TrainingMember> members) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{options.Configuration}|{options.Optimizer}|{options.Epochs}|{options.BatchSize}|{options.TrainSize}|{options.DynamicBinarization}|" +
            string.Join(";", members))))[..16];

}

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
    /// <param name="options">Options shared by the runs.</param>
    /// <param name="runs">The pending runs.</param>
    /// <param name="maxMembers">Largest ensemble.</param>
    /// <param name="checkpointRoot">When set, each ensemble checkpoints every epoch (latest only) under this folder and resumes
    /// after a crash; when null, an interrupted ensemble starts over.</param>
    /// <param name="environment">Data, device, progress and cancellation.</param>
    /// <param name="meter">Counts the members' steps; each finished chunk completes its members' planned steps.</param>
    /// <param name="label">What the runs are, e.g. <c>8x4</c>.</param>
    /// <param name="finished">Called for every finished run with its index in <paramref name="runs"/>.</param>
    public static void Train(TrainingOptions options, IReadOnlyList<TrainingMember> runs, int maxMembers,
        string? checkpointRoot, AnalysisEnvironment environment, ProgressMeter meter, string label, Action<int, MemberResult> finished)
    {
        for (int start = 0; start < runs.Count; start += maxMembers)
        {
            var chunk = runs.Skip(start).Take(maxMembers).ToList();
            var jobOptions = options with { Device = environment.Device };
            double planned = 0;
            var progress = new SynchronousProgress<TrainingProgress>(p =>
            {
                planned = (double)p.Epochs * p.Batches;
                meter.Report($"{label}: {chunk.Count} run{(chunk.Count == 1 ? "" : "s")} together, epoch {p.Epoch}/{p.Epochs}, batch {p.Batch}/{p.Batches}",
                    chunk.Count * ((p.Epoch - 1.0) * p.Batches + p.Batch));
            });
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
            meter.Complete(chunk.Count * planned);
            for (int i = 0; i < chunk.Count; i++) finished(start + i, results[i]);
            if (checkpointRoot is not null) Directory.Delete(Path.Combine(checkpointRoot, "job-" + JobKey(options, chunk)), recursive: true);
        }
    }

    private static string JobKey(TrainingOptions options, IReadOnlyList<TrainingMember> members) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{options.Configuration}|{options.Optimizer}|{options.Epochs}|{options.BatchSize}|{options.TrainSize}|{options.DynamicBinarization}|" +
            string.Join(";", members))))[..16];

}

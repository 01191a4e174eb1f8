namespace NotebookExperiments.Training;

/// <summary>Training metrics as CSV rows, one per member and epoch (<c>metrics.csv</c> of a training job).</summary>
public static class TrainingReport
{
    /// <summary>
    /// The columns: <c>member</c>, <c>estimator</c>, <c>lr</c>, <c>seed</c>, <c>epoch</c>, <c>train_elbo</c> (train −ELBO, nats),
    /// <c>test_elbo</c> (test −ELBO, nats; empty when not computed), <c>seconds</c>, <c>diverged</c>.
    /// </summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["member", "estimator", "lr", "seed", "epoch", "train_elbo", "test_elbo", "seconds", "diverged"];

    /// <summary>The rows of <see cref="Columns"/>, members in order, epochs in order within each.</summary>
    public static IEnumerable<object?[]> Rows(IReadOnlyList<MemberResult> results) =>
        results.SelectMany((r, m) => r.History.Select(h => new object?[]
        {
            m, r.Member.Estimator, r.Member.LearningRate, r.Member.Seed, h.Epoch, h.TrainLoss, h.TestLoss, h.Seconds,
            r.DivergedAtEpoch == h.Epoch,
        }));

    /// <summary>Writes the metrics as CSV (<see cref="CsvFile"/>'s form) through a temporary file and a rename.</summary>
    public static void SaveCsvAtomically(IReadOnlyList<MemberResult> results, string path) =>
        CsvFile.WriteAtomically(path, CsvFile.Format(Columns, Rows(results)));
}

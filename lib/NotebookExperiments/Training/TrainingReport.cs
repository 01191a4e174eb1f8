using Microsoft.Data.Analysis;

namespace NotebookExperiments.Training;

/// <summary>Training metrics as a <see cref="DataFrame"/> (one row per member and epoch) and as CSV.</summary>
public static class TrainingReport
{
    /// <summary>
    /// Columns: <c>member</c>, <c>estimator</c>, <c>lr</c>, <c>seed</c>, <c>epoch</c>, <c>train_elbo</c> (train −ELBO, nats),
    /// <c>test_elbo</c> (test −ELBO, nats; missing when not computed), <c>seconds</c>, <c>diverged</c>.
    /// </summary>
    public static DataFrame ToDataFrame(IReadOnlyList<MemberResult> results)
    {
        var rows = results.SelectMany((r, m) => r.History.Select(h => (Result: r, Member: m, Metrics: h))).ToList();
        return new DataFrame(
            new Int32DataFrameColumn("member", rows.Select(r => r.Member)),
            new StringDataFrameColumn("estimator", rows.Select(r => r.Result.Member.Estimator)),
            new DoubleDataFrameColumn("lr", rows.Select(r => r.Result.Member.LearningRate)),
            new Int64DataFrameColumn("seed", rows.Select(r => r.Result.Member.Seed)),
            new Int32DataFrameColumn("epoch", rows.Select(r => r.Metrics.Epoch)),
            new DoubleDataFrameColumn("train_elbo", rows.Select(r => r.Metrics.TrainLoss)),
            new DoubleDataFrameColumn("test_elbo", rows.Select(r => r.Metrics.TestLoss)),
            new DoubleDataFrameColumn("seconds", rows.Select(r => r.Metrics.Seconds)),
            new BooleanDataFrameColumn("diverged", rows.Select(r => r.Result.DivergedAtEpoch == r.Metrics.Epoch)));
    }

    /// <summary>Writes a data frame as CSV (invariant culture, numbers in their shortest round-trip form; see <see cref="CsvTable"/>)
    /// through a temporary file and a rename.</summary>
    public static void SaveCsvAtomically(DataFrame frame, string path) => CsvTable.SaveAtomically(frame, path);
}

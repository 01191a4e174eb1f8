using System.Globalization;
using NotebookExperiments.Benchmarks.Processes;
using NotebookExperiments.Benchmarks.Reporting;
using NotebookExperiments.Native;
using NotebookExperiments.Timing;

namespace NotebookExperiments.Benchmarks.Sections;

/// <summary>
/// Section 6, the shared machine: two training processes at once against the same two one after the other, with every core's
/// threads fixed in each process (what every run did before the cores were shared) and with the share of the cores
/// (<see cref="TorchThreads"/>, the default now); each process is a <see cref="TrainingWorker"/> (the issue's 2-run β sweep: 8×4,
/// 6 epochs on 10,000 images). Every ratio is taken round by round between cases of the same rounds.
/// </summary>
internal static class SharedMachineSection
{
    /// <summary>Runs the section.</summary>
    public static ReportTable Run(BenchmarkContext context)
    {
        var s = context.Settings;
        int cores = TorchThreads.Cores, members = 2, epochs = s.Quick ? 2 : 6, rounds = s.Quick ? 1 : 3;
        var leases = Directory.CreateTempSubdirectory("benchmark-cores").FullName;
        try
        {
            // The workers share a lease folder of their own: runs of this user elsewhere on the machine count as others' load.
            var environment = new Dictionary<string, string> { [CoreLeases.FolderVariable] = leases };
            ProcessCommand Worker(int? threads) => ProcessCommand.Self(TrainingWorker.Arguments(members, epochs, threads), environment);
            var before = Worker(cores);
            var shared = Worker(null);
            var cases = new (string Name, Func<double> Time)[]
            {
                ($"one after the other, {cores} threads each", () => TimedProcess.RunInTurn([before, before])),
                ($"two at once, {cores} threads each", () => TimedProcess.RunTogether([before, before])),
                ("one after the other, sharing the cores", () => TimedProcess.RunInTurn([shared, shared])),
                ("two at once, sharing the cores", () => TimedProcess.RunTogether([shared, shared])),
            };
            var log = context.LogFor("shared");
            log("warm-up: one worker");
            TimedProcess.RunTogether([shared]);
            var seconds = cases.Select(_ => new double[rounds]).ToArray();
            for (int round = 0; round < rounds; round++)
            {
                for (int i = 0; i < cases.Length; i++)
                {
                    int c = (round + i) % cases.Length;
                    log($"round {round + 1}/{rounds}: {cases[c].Name}");
                    seconds[c][round] = cases[c].Time();
                }
            }
            var samples = cases.Select((c, i) => new TimingSample(c.Name, seconds[i], 1, run: -1)).ToList();
            var table = new ReportTable("shared", $"6. Shared machine: two processes, each a {members}-run β sweep ({s.Configuration.Name}, {epochs} epochs on " +
                                                  $"{TrainingWorker.Images:N0} images), at once and one after the other ({cores} cores)",
            [
                new("method", "method", Numeric: false),
                new("median_s", "median s"),
                new("iqr_s", "IQR s"),
                new("ratio", "ratio (same rounds)", Numeric: false),
                new("ratio_median", "ratio", JsonOnly: true),
                new("target", "target", Numeric: false),
            ]);
            void Row(int i, string ratioText, double? ratio, string target) => table.AddRow(samples[i].Name, Cells.Significant(samples[i].Seconds.Median),
                Cells.Significant(samples[i].Seconds.InterquartileRange), ratioText, ratio is double r ? Cells.Significant(r) : ReportCell.Empty, target);
            var beforeTogether = samples[1].RatioTo(samples[0]);
            var sharedTogether = samples[3].RatioTo(samples[2]);
            var alone = samples[2].RatioTo(samples[0]);
            Row(0, "—", null, "");
            Row(1, Cells.Ratio(beforeTogether).Text + " one after the other", beforeTogether.Median, "");
            Row(2, Cells.Ratio(alone).Text + $" the {cores}-thread processes one after the other", alone.Median, "≤ 1.05× (alone keeps its speed)");
            Row(3, Cells.Ratio(sharedTogether).Text + " one after the other", sharedTogether.Median, "≤ 1.15×");
            table.AddNote(string.Create(CultureInfo.InvariantCulture,
                $"Each time is the wall-clock time of two processes (this benchmark's worker: start, load LibTorch, train {members} members for " +
                $"{epochs * TrainingWorker.Images / 100} steps on synthetic images, end), median of {rounds} round{(rounds == 1 ? "" : "s")} in which the " +
                $"four cases ran back to back in rotating order. '{cores} threads each': --threads {cores}, what every run did before; ") +
                "'sharing the cores': the default now, each process taking cores / runs threads through its lease (TorchThreads). " +
                "Ratios are per round against the case named.");
            return table;
        }
        finally
        {
            Directory.Delete(leases, recursive: true);
        }
    }
}

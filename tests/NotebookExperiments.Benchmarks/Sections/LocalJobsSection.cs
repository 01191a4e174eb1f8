using System.Globalization;
using NotebookExperiments.Benchmarks.Processes;
using NotebookExperiments.Benchmarks.Reporting;
using NotebookExperiments.Native;
using NotebookExperiments.Timing;

namespace NotebookExperiments.Benchmarks.Sections;

/// <summary>
/// Section 7, <c>--jobs 2</c>: the command line run as users run it, in one process (every core) and as two shards in two
/// processes merged (<c>--jobs 2</c>), on the quick main job (<c>reproduce all --preset quick</c>; not with <c>--quick</c>) and on a
/// slice of the paper's −ELBO table (4×24, four rows, one seed); the throughput ratio is taken round by round. It needs the
/// built command line (<c>dotnet build NotebookExperiments.sln -c Release</c>) and MNIST (fetched by the command when missing).
/// </summary>
internal static class LocalJobsSection
{
    /// <summary>
    /// The paper slice: four rows of the 4×24 column at the paper's hyperparameters (one optimiser, so one ensemble of four in one
    /// process, two of two under <c>--jobs 2</c>), one seed, a shortened budget that keeps start-up (LibTorch, MNIST, warm-up) small
    /// beside the training.
    /// </summary>
    public static IReadOnlyList<string> PaperSlice(bool quick) =>
        ["elbo-table", "--preset", "paper", "--configs", "4x24", "-e", "ST", "-e", "ST-GS", "-e", "GST-1.0", "-e", "ReinMax", "--seeds", "0",
         "--epochs", quick ? "1" : "4", "--train-size", quick ? "10000" : "30000"];

    /// <summary>The quick main job of the README.</summary>
    public static IReadOnlyList<string> MainJob => ["reproduce", "all", "--preset", "quick"];

    /// <summary>Runs the section.</summary>
    /// <exception cref="FileNotFoundException">The command line is not built.</exception>
    public static ReportTable Run(BenchmarkContext context)
    {
        var s = context.Settings;
        var cli = CommandLine();
        var root = Directory.CreateTempSubdirectory("benchmark-jobs").FullName;
        try
        {
            var environment = new Dictionary<string, string> { [CoreLeases.FolderVariable] = Path.Combine(root, "cores") };
            var log = context.LogFor("jobs");
            var table = new ReportTable("jobs", $"7. --jobs 2 against one process ({TorchThreads.Cores} cores): the command line as users run it",
            [
                new("work", "work", Numeric: false),
                new("one_process_s", "one process s"),
                new("jobs_s", "--jobs 2 s"),
                new("throughput", "throughput, --jobs 2 / one process", Numeric: false),
                new("throughput_median", "throughput ratio", JsonOnly: true),
                new("target", "target", Numeric: false),
            ]);
            var work = new List<(string Name, IReadOnlyList<string> Arguments)> { ("paper slice: " + string.Join(" ", PaperSlice(s.Quick)), PaperSlice(s.Quick)) };
            if (!s.Quick) work.Insert(0, ("the quick main job: " + string.Join(" ", MainJob), MainJob));
            int rounds = 1, made = 0;
            foreach (var (name, arguments) in work)
            {
                // Each case writes a fresh folder, so nothing is found finished; the two alternate in order from round to round.
                double Time(bool jobs)
                {
                    var output = Path.Combine(root, $"run-{made++}");
                    var extra = jobs ? new[] { "--jobs", "2" } : [];
                    var command = ProcessCommand.Dotnet([cli, .. arguments, .. extra],
                        new Dictionary<string, string>(environment) { ["NOTEBOOK_EXPERIMENTS_RESULTS"] = output });
                    var outputOption = arguments[0] == "reproduce" ? [] : new[] { "--out", output };
                    command = command with { Arguments = [.. command.Arguments, .. outputOption] };
                    log($"{(jobs ? "--jobs 2" : "one process")}: {name}");
                    double seconds = TimedProcess.RunTogether([command]);
                    Directory.Delete(output, recursive: true);
                    return seconds;
                }
                var one = new double[rounds];
                var two = new double[rounds];
                for (int round = 0; round < rounds; round++)
                {
                    if (round % 2 == 0) (one[round], two[round]) = (Time(false), Time(true));
                    else (two[round], one[round]) = (Time(true), Time(false));
                }
                var single = new TimingSample("one process", one, 1, -2);
                var jobs = new TimingSample("--jobs 2", two, 1, -2);
                var throughput = single.RatioTo(jobs);
                table.AddRow(name, Cells.Significant(single.Seconds.Median), Cells.Significant(jobs.Seconds.Median), Cells.Ratio(throughput).Text,
                    Cells.Significant(throughput.Median), "≥ 1.5× where the work splits");
            }
            table.AddNote("Wall-clock time of the whole command (start, MNIST, warm-up, training, merge, files), each run into a fresh result " +
                          "folder; throughput = one process's time over --jobs 2's in the same round. --jobs 2 runs two shards of the work in two " +
                          "processes with half the cores each and merges them; its files equal one process with that many threads.");
            return table;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The built command line of this checkout, in the benchmark's own configuration.</summary>
    private static string CommandLine()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var root = RepositoryRoot.Find() ?? throw new FileNotFoundException("The jobs section runs the command line of this repository, and no repository was found.");
        var dll = Path.Combine(root, "lib", "NotebookExperiments.Cli", "bin", configuration, "net10.0", "notebook-experiments.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"The jobs section runs the command line: build it first (dotnet build NotebookExperiments.sln -c {configuration}).", dll);
    }
}

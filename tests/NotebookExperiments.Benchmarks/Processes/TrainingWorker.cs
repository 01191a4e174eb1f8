using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NotebookExperiments.Native;
using NotebookExperiments.Training;
using static TorchSharp.torch;

namespace NotebookExperiments.Benchmarks.Processes;

/// <summary>
/// The work of the shared-machine section, run as a process of its own (<c>worker</c>, a hidden command): a β sweep of ReinMax-RK2
/// trained as one ensemble by <see cref="Trainer.Run"/>, as an analysis trains it, on synthetic images, with the threads of the
/// command line: a fixed count (<c>--threads</c>) or, without it, a share of the cores (<see cref="TorchThreads"/>).
/// </summary>
internal static class TrainingWorker
{
    /// <summary>Images per epoch: 100 batches of 100.</summary>
    public const int Images = 10_000;

    /// <summary>The hidden command.</summary>
    public static Command Create()
    {
        var members = new Option<int>("--members") { DefaultValueFactory = _ => 2 };
        var epochs = new Option<int>("--epochs") { DefaultValueFactory = _ => 6 };
        var threads = new Option<int?>("--threads");
        var command = new Command("worker", "One training process of the shared-machine section (used by the benchmark itself).") { members, epochs, threads };
        command.Hidden = true;
        command.SetAction(result =>
        {
            Console.WriteLine(Run(result.GetValue(members), result.GetValue(epochs), result.GetValue(threads)).ToString("R", CultureInfo.InvariantCulture));
            return 0;
        });
        return command;
    }

    /// <summary>The arguments of a worker.</summary>
    public static IReadOnlyList<string> Arguments(int members, int epochs, int? threads) =>
        ["worker", "--members", $"{members}", "--epochs", $"{epochs}", .. threads is int t ? new[] { "--threads", $"{t}" } : []];

    /// <summary>Trains <paramref name="members"/> runs for <paramref name="epochs"/> epochs; returns the seconds of the training.</summary>
    public static double Run(int members, int epochs, int? threads)
    {
        HeapTuning.Apply();
        TorchRuntime.EnsureLoaded();
        if (threads is int t) TorchThreads.Use(t, $"--threads {t}");
        using var generator = new Generator(7);
        using var data = new TrainingData(rand([Images, 784], generator: generator).DetachFromDisposeScope(),
            rand([100, 784], generator: generator).DetachFromDisposeScope());
        var runs = Enumerable.Range(0, members)
            .Select(i => new TrainingMember(string.Create(CultureInfo.InvariantCulture, $"reinmax-rk2:beta={Math.Round(-0.2 + 1.4 * i / Math.Max(1, members - 1), 2)}"), 5e-4, i))
            .ToList();
        using var trainer = new Trainer(new TrainingOptions(new Models.VaeConfiguration(8, 4), OptimizerKind.Adam, epochs), runs);
        var clock = Stopwatch.StartNew();
        trainer.Run(data);
        return clock.Elapsed.TotalSeconds;
    }
}

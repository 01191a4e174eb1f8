using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using NotebookExperiments.Analyses;
using NotebookExperiments.Native;
using Spectre.Console;

namespace NotebookExperiments.Cli.Jobs;

/// <summary>
/// <c>--jobs N</c>: an analysis run as N shards (<see cref="ShardPlan"/>) in N processes of this program on this machine, then
/// merged here, so its files equal those of one process with the same threads per process.
/// </summary>
/// <remarks>
/// <para>Each shard is the same command with <c>--shard I/N</c> and its result folder; each takes a share of the cores with the
/// others (<see cref="TorchThreads"/>): cores / N threads while they all run, more when fewer remain, and the same numbers as a
/// process with cores / N threads (its nominal count, passed in <see cref="ThreadPolicy.SharedThreadsVariable"/>). With
/// <c>--threads T</c>, every shard runs T threads. At most as many shards run as the work has pieces.</para>
/// <para>The shards report progress to this process (<see cref="ShardChannel"/>), which shows one bar: the work of every shard over
/// the work of all, with the units and the time left. Ctrl+C or SIGTERM here sends SIGTERM to every shard, which stops after its
/// current step with its finished units and checkpoints kept; a second signal kills them. A shard that fails stops the others.
/// When all have finished their share, this process merges the units into the analysis's files, with a provenance that names
/// this command, its start, the units found before it and the threads per shard.</para>
/// </remarks>
internal static class LocalShards
{
    /// <summary>Runs <paramref name="prepared"/> with <see cref="AnalysisOptions.Values.Jobs"/> shards here; returns the exit code.</summary>
    /// <param name="prepared">The analysis and its parameters.</param>
    /// <param name="values">The options (<c>--jobs</c> above 1, no <c>--shard</c> or <c>--merge</c>).</param>
    /// <param name="arguments">The analysis's own arguments (preset, overrides) for the shards' command lines.</param>
    /// <exception cref="IncompleteRunException">The merge found units missing.</exception>
    public static int Run(IPreparedAnalysis prepared, AnalysisOptions.Values values, IReadOnlyList<string> arguments)
    {
        var name = prepared.Analysis.Name;
        var directory = Path.GetFullPath(values.OutputDirectory(name));
        var started = DateTimeOffset.UtcNow;
        var device = CommonOptions.Initialise(values.Device, values.Threads);
        Console.WriteLine($"{name}: {prepared.Describe()}");
        using var data = AnalysisConsole.LoadData(values.DataDirectory);
        var jobs = prepared.Jobs(data.Train.shape[0]);
        int count = Math.Min(values.Jobs, ShardPlan.MaxShards(jobs));
        if (count <= 1)
        {
            Console.WriteLine($"{name}: its work is one piece, which cannot be split: it runs in this process.");
            return AnalysisConsole.Execute(prepared, values with { Jobs = 1 }, device, data, null);
        }
        int threads = values.Threads ?? Math.Max(1, TorchThreads.Cores / count);
        var plan = ShardPlan.Plan(jobs, count);
        var store = ResultStore.Open(directory, name, device.type.ToString().ToLowerInvariant());
        var units = plan.Jobs.SelectMany(j => j.Units).ToList();
        var shards = plan.WorkIn(store).Select(w => new ShardState(w.Shard, w.Work, w.WorkFinished, w.Units, w.UnitsFinished)).ToList();
        var origin = new RunOrigin(started, units.Count(store.Contains), threads);
        if (origin.UnitsFound == units.Count) return AnalysisConsole.Execute(prepared, values with { Jobs = 1 }, device, data, null);   // nothing to run
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {count} shards in {count} processes here, {threads} thread{(threads == 1 ? "" : "s")} each") +
            (values.Threads is null ? " while all run (more when fewer remain)" : "") + "; " + Slurm.SbatchScript.DescribeLoads(plan.Loads));

        var outcome = RunShards(name, directory, values, arguments, shards, threads);
        if (outcome.Failed is { } failed)
        {
            Console.Error.WriteLine($"error: {name}: shard {failed.Index}/{count} failed (exit {failed.Exit}); the other shards were stopped. " +
                                    $"Finished units are kept in {directory}: run the same command to go on from there.");
            return failed.Exit;
        }
        if (outcome.Stopped)
        {
            bool kept = outcome.Exits.Any(e => e == ExitCodes.StoppedWithProgress) || shards.Any(s => s.UnitsDone > s.UnitsAtStart);
            Console.WriteLine(kept
                ? $"{name}: stopped; the shards' finished units and checkpoints are kept in {directory}. Run the same command to go on from there."
                : $"{name}: stopped before any unit or checkpoint was saved.");
            return kept ? ExitCodes.StoppedWithProgress : ExitCodes.StoppedWithoutProgress;
        }
        var merge = values with { Scope = new RunScope(MergeOnly: true, MergeShards: count), Jobs = 1 };
        return AnalysisConsole.Execute(prepared, merge, device, data, origin);
    }

    /// <summary>What the shards did: their exit codes, whether they were stopped by a signal, and the first that failed.</summary>
    private sealed record ShardsOutcome(IReadOnlyList<int> Exits, bool Stopped, (int Index, int Exit)? Failed);

    /// <summary>One shard's share of the work and its latest progress.</summary>
    private sealed class ShardState(int index, double work, double workAtStart, int units, int unitsAtStart)
    {
        public int Index { get; } = index;
        public double Work { get; } = work;
        public double WorkDone { get; set; } = workAtStart;
        public int Units { get; } = units;
        public int UnitsAtStart { get; } = unitsAtStart;
        public int UnitsDone { get; set; } = unitsAtStart;
        public string? Note { get; set; }
        public Process? Process { get; set; }
        public int? Exit { get; set; }
    }

    private abstract record ShardEvent(int Shard);

    private sealed record LineEvent(int Shard, string Text, bool Error) : ShardEvent(Shard);

    private sealed record ProgressEvent(int Shard, AnalysisProgress Progress) : ShardEvent(Shard);

    private sealed record ExitEvent(int Shard, int Exit) : ShardEvent(Shard);

    private sealed record SignalEvent(bool Second) : ShardEvent(0);

    private static ShardsOutcome RunShards(string name, string directory, AnalysisOptions.Values values, IReadOnlyList<string> arguments,
        IReadOnlyList<ShardState> shards, int threads)
    {
        using var events = new BlockingCollection<ShardEvent>();
        int signals = 0;
        void OnSignal(PosixSignalContext context)
        {
            int n = Interlocked.Increment(ref signals);
            context.Cancel = true;
            events.Add(new SignalEvent(n > 1));
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

        var (host, prefix) = Launcher();
        foreach (var shard in shards)
        {
            var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var word in prefix) start.ArgumentList.Add(word);
            foreach (var word in ShardArguments(name, directory, values, arguments, shard.Index, shards.Count)) start.ArgumentList.Add(word);
            start.Environment[ShardSiblings.ParentVariable] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            if (values.Threads is null) start.Environment[ThreadPolicy.SharedThreadsVariable] = threads.ToString(CultureInfo.InvariantCulture);
            var process = Process.Start(start)!;
            shard.Process = process;
            int index = shard.Index;
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                events.Add(ShardChannel.Parse(e.Data) is { } p ? new ProgressEvent(index, p) : new LineEvent(index, e.Data, false));
            };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) events.Add(new LineEvent(index, e.Data, true)); };
            process.EnableRaisingEvents = true;
            process.Exited += (_, _) => Task.Run(() =>
            {
                process.WaitForExit();   // drains the output before the exit is reported
                events.Add(new ExitEvent(index, process.ExitCode));
            });
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        bool stopped = false;
        (int, int)? failed = null;
        try
        {
            AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask(name, maxValue: 1);
                    var clock = Stopwatch.StartNew();
                    var remaining = new RemainingTime();
                    string detail = "starting";
                    while (shards.Any(s => s.Exit is null))
                    {
                        if (!events.TryTake(out var next, TimeSpan.FromSeconds(1))) continue;
                        switch (next)
                        {
                            case LineEvent line:
                                (line.Error ? Console.Error : Console.Out).WriteLine($"[{line.Shard}/{shards.Count}] {line.Text}");
                                break;
                            case ProgressEvent progress:
                                var shard = shards[progress.Shard - 1];
                                shard.WorkDone = progress.Progress.WorkDone;
                                shard.UnitsDone = progress.Progress.Done;
                                shard.Note = progress.Progress.Behind ? progress.Progress.Note : null;
                                detail = $"[{progress.Shard}/{shards.Count}] {progress.Progress.Detail}";
                                var all = Aggregate(name, shards, detail);
                                var left = remaining.Update(all, clock.Elapsed.TotalSeconds);
                                task.Value = all.Progress;
                                task.Description = Markup.Escape(AnalysisConsole.Line(name, all, left));
                                break;
                            case ExitEvent exit:
                                shards[exit.Shard - 1].Exit = exit.Exit;
                                if (exit.Exit is not (0 or ExitCodes.StoppedWithProgress or ExitCodes.StoppedWithoutProgress) && failed is null && !stopped)
                                {
                                    failed = (exit.Shard, exit.Exit);
                                    Signal(shards, ProcessSignal.Terminate);
                                }
                                break;
                            case SignalEvent signal:
                                stopped = true;
                                if (signal.Second)
                                {
                                    Console.Error.WriteLine("stopping every shard at once...");
                                    foreach (var s in shards) Kill(s);
                                }
                                else
                                {
                                    Console.Error.WriteLine("stopping every shard after its current step (again to stop at once)...");
                                    Signal(shards, ProcessSignal.Terminate);
                                }
                                break;
                        }
                    }
                    if (!stopped && failed is null)
                    {
                        task.Value = task.MaxValue;
                        task.Description = Markup.Escape($"{name}: every shard done; merging");
                    }
                });
        }
        finally
        {
            foreach (var s in shards.Where(s => s.Exit is null)) Kill(s);
            foreach (var s in shards) s.Process?.Dispose();
        }
        var exits = shards.Select(s => s.Exit ?? -1).ToList();
        stopped |= exits.Any(e => e is ExitCodes.StoppedWithProgress or ExitCodes.StoppedWithoutProgress);
        return new ShardsOutcome(exits, stopped && failed is null, failed);
    }

    /// <summary>The progress of all shards as one: their work and units summed, the latest detail, and a note from a shard far behind its plan.</summary>
    private static AnalysisProgress Aggregate(string name, IReadOnlyList<ShardState> shards, string detail) =>
        new(name, shards.Sum(s => s.UnitsDone), shards.Sum(s => s.Units), detail, 0, shards.Sum(s => s.WorkDone), shards.Sum(s => s.Work),
            shards.Select(s => s.Note is null ? null : $"shard {s.Index}: {s.Note}").FirstOrDefault(n => n is not null),
            shards.Any(s => s.Note is not null));

    /// <summary>
    /// The command line of shard <paramref name="index"/>: the analysis, its own arguments, the data folder and device, the result
    /// folder, <c>--shard I/N</c>, and the user's <c>--threads</c> and <c>--checkpoint-ensembles</c>.
    /// </summary>
    internal static IReadOnlyList<string> ShardArguments(string name, string directory, AnalysisOptions.Values values, IReadOnlyList<string> arguments,
        int index, int count)
    {
        var words = new List<string> { name };
        words.AddRange(arguments);
        if (values.DataDirectory is { } data) words.AddRange(["--data-dir", Path.GetFullPath(data)]);
        words.AddRange(["--device", values.Device, "--out", directory, "--shard", FormattableString.Invariant($"{index}/{count}")]);
        if (values.Threads is int t) words.AddRange(["--threads", t.ToString(CultureInfo.InvariantCulture)]);
        if (values.CheckpointEnsembles) words.Add("--checkpoint-ensembles");
        return words;
    }

    /// <summary>How this program starts again: the dotnet host and this assembly, or the program's own executable.</summary>
    private static (string Host, IReadOnlyList<string> Prefix) Launcher()
    {
        var dll = typeof(LocalShards).Assembly.Location;
        var process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet") return (process, [dll]);
        if (process is not null && Path.GetFileNameWithoutExtension(process) == Path.GetFileNameWithoutExtension(dll)) return (process, []);
        return ("dotnet", [dll]);
    }

    private static void Signal(IEnumerable<ShardState> shards, int signal)
    {
        foreach (var shard in shards)
            if (shard.Exit is null && shard.Process is { HasExited: false } p)
                ProcessSignal.Send(p.Id, signal);
    }

    private static void Kill(ShardState shard)
    {
        try
        {
            if (shard.Process is { HasExited: false } p) p.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // ended meanwhile
        }
    }
}

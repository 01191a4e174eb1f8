using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Data;
using NotebookExperiments.Training;
using Spectre.Console;
using TorchSharp;

namespace NotebookExperiments.Cli;

/// <summary>
/// How every analysis runs from the command line: device and threads, MNIST (fetched when missing), the plan with its
/// measured time, a progress bar, stopping on Ctrl+C or SIGTERM with finished work kept, and the files, tables and notes of the
/// outcome on the console.
/// </summary>
internal static class AnalysisConsole
{
    /// <summary>The variable that moves the default results folder (<c>results/</c> of the repository) elsewhere.</summary>
    public const string ResultsVariable = "NOTEBOOK_EXPERIMENTS_RESULTS";

    /// <summary>The results folder, parent of the analyses' folders: <c>$NOTEBOOK_EXPERIMENTS_RESULTS</c> when set, else <c>results/</c> of the repository.</summary>
    public static string ResultsDirectory() =>
        Environment.GetEnvironmentVariable(ResultsVariable) is { Length: > 0 } root ? Path.GetFullPath(root)
            : Path.Combine(RepositoryRoot.Find() ?? Directory.GetCurrentDirectory(), "results");

    /// <summary>Whether this process runs inside a Slurm job (whose task may be requeued at any moment).</summary>
    public static bool UnderSlurm => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SLURM_JOB_ID"));

    /// <summary>
    /// Runs one prepared analysis and shows its outcome; returns the exit code. With <c>--jobs N</c> (N &gt; 1), the shards run in N
    /// processes here and this one merges them (<see cref="Jobs.LocalShards"/>).
    /// </summary>
    /// <param name="prepared">The analysis and its parameters.</param>
    /// <param name="values">The analysis options.</param>
    /// <param name="arguments">The analysis's own arguments (preset, overrides) for the shards' command lines under <c>--jobs</c>.</param>
    /// <exception cref="IncompleteRunException">A shard finished its share, or a merge found units missing.</exception>
    public static int Run(IPreparedAnalysis prepared, AnalysisOptions.Values values, IReadOnlyList<string>? arguments = null)
    {
        if (values.Jobs > 1 && values.Scope is null) return Jobs.LocalShards.Run(prepared, values, arguments ?? []);
        var name = prepared.Analysis.Name;
        var scope = values.Scope ?? RunScope.All;
        // A merge computes nothing: it runs on the CPU (a merge job has no GPU) and reads the units of the device the shards used.
        var device = CommonOptions.Initialise(scope.MergeOnly ? "cpu" : values.Device, values.Threads);
        if (!Jobs.ShardChannel.IsShard) Console.WriteLine($"{name}: {prepared.Describe()}");   // a shard's parent has said it
        using var data = LoadData(values.DataDirectory);
        return Execute(prepared, values, device, data, null);
    }

    /// <summary>
    /// Runs <paramref name="prepared"/> in this process with TorchSharp loaded and the data read: the plan (unless a merge), the run
    /// under a progress bar (or, in a shard of <c>--jobs</c>, progress lines for the parent), and the outcome.
    /// </summary>
    /// <param name="prepared">The analysis and its parameters.</param>
    /// <param name="values">The analysis options.</param>
    /// <param name="device">The compute device.</param>
    /// <param name="data">MNIST.</param>
    /// <param name="origin">For the merge that ends a <c>--jobs</c> run: where that run began; null otherwise.</param>
    /// <exception cref="IncompleteRunException">A shard finished its share, or a merge found units missing.</exception>
    public static int Execute(IPreparedAnalysis prepared, AnalysisOptions.Values values, torch.Device device, TrainingData data, RunOrigin? origin)
    {
        var name = prepared.Analysis.Name;
        var directory = values.OutputDirectory(name);
        var scope = values.Scope ?? RunScope.All;
        string? resultsDevice = scope.MergeOnly ? values.Device == "auto" ? null : values.Device : device.type.ToString().ToLowerInvariant();
        using var stop = new StopSignal();
        var saved = new SavedProgress();
        var environment = new AnalysisEnvironment(directory, data, device, null, stop.Token, scope)
        {
            CheckpointEnsembles = values.CheckpointEnsembles || UnderSlurm,
            ResultsDevice = resultsDevice,
            Command = Provenance.CurrentCommand(),
            Saved = saved,
            Log = Console.WriteLine,
            Origin = origin,
        };
        if (!scope.MergeOnly)
        {
            var plan = prepared.Estimate(environment, measure: true);
            Console.WriteLine(plan.Describe());
            environment = environment with { Plan = plan };
        }
        try
        {
            var outcome = Jobs.ShardChannel.IsShard ? ReportToParent(environment, stop, prepared.Run) : WithProgress(name, environment, prepared.Run);
            Show(outcome);
            return 0;
        }
        catch (MissingUnitsException e)
        {
            throw IncompleteRunException.Of(e, scope, directory);
        }
        catch (OperationCanceledException) when (stop.Token.IsCancellationRequested)
        {
            Console.WriteLine(saved.Any
                ? $"{name}: stopped; {saved.Describe()} are kept in {directory}. Run the same command to go on from there."
                : $"{name}: stopped before any unit or checkpoint was saved.");
            return saved.Any ? ExitCodes.StoppedWithProgress : ExitCodes.StoppedWithoutProgress;
        }
    }

    /// <summary>MNIST, located or fetched, with the fetcher's messages on the console.</summary>
    /// <remarks>A shard of <c>--jobs</c> says nothing: its parent has located (or fetched) the files and said so.</remarks>
    public static TrainingData LoadData(string? dataDirectory) =>
        TrainingData.LoadMnist(dataDirectory, Jobs.ShardChannel.IsShard ? null : new SynchronousProgress<string>(Console.WriteLine));

    /// <summary>Runs <paramref name="body"/> under a progress bar fed by the analysis's progress reports.</summary>
    public static T WithProgress<T>(string analysis, AnalysisEnvironment environment, Func<AnalysisEnvironment, T> body)
    {
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(analysis, maxValue: 1);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var remaining = new RemainingTime();
                var progress = new SynchronousProgress<AnalysisProgress>(p =>
                {
                    var left = remaining.Update(p, clock.Elapsed.TotalSeconds);
                    task.Value = p.Progress;
                    task.Description = Markup.Escape(Line(analysis, p, left));
                });
                result = body(environment with { Progress = progress });
                task.Value = task.MaxValue;
                task.Description = Markup.Escape($"{analysis}: done");
            });
        return result;
    }

    /// <summary>The progress line: <c>beta-sweep 3/13 units, 41 % of 23,400 member-steps, about 1 min 10 s left: 8x4: … — why it is slow</c>.</summary>
    public static string Line(string analysis, AnalysisProgress p, TimeSpan? left) =>
        $"{analysis} {RemainingTime.Describe(p)}, {RemainingTime.Format(left)}: {p.Detail}" + (p.Note is { } note ? $" — {note}" : "");

    /// <summary>
    /// Runs <paramref name="body"/> in a shard of a <c>--jobs</c> run: progress goes to the parent as lines on standard output (a few
    /// a second, and the last), and the run stops when the parent is gone.
    /// </summary>
    private static T ReportToParent<T>(AnalysisEnvironment environment, StopSignal stop, Func<AnalysisEnvironment, T> body)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        double lastLine = double.NegativeInfinity, lastCheck = 0;
        var progress = new SynchronousProgress<AnalysisProgress>(p =>
        {
            double now = clock.Elapsed.TotalSeconds;
            if (now - lastCheck > 2)
            {
                lastCheck = now;
                if (!Jobs.ShardChannel.ParentAlive()) stop.Stop("the process that started this shard has ended; stopping after the current step...");
            }
            if (now - lastLine < 0.25 && p.Progress < 1) return;
            lastLine = now;
            Console.WriteLine(Jobs.ShardChannel.Format(p));
        });
        return body(environment with { Progress = progress });
    }

    /// <summary>Prints the files written, the tables and the notes of a finished run.</summary>
    public static void Show(AnalysisOutcome outcome)
    {
        foreach (var file in outcome.Files) Console.WriteLine($"wrote {file}");
        foreach (var table in outcome.Tables) Print(table.Frame, table.Title, table.Digits, table.Explain);
        foreach (var note in outcome.Notes) Console.WriteLine(note);
        var p = outcome.Provenance;
        Console.WriteLine($"{p.Analysis}: {p.UnitsComputed} of {p.Units} units computed now, the others found finished; {PlanEstimate.Duration(p.Seconds)}.");
    }

    /// <summary>Prints a data frame as a table, numbers with <paramref name="digits"/> significant digits.</summary>
    /// <param name="frame">The table.</param>
    /// <param name="title">Its title.</param>
    /// <param name="digits">Significant digits of numbers.</param>
    /// <param name="explain">Gives the text of a cell whose plain value would mislead (a NaN with a meaning), or null for the plain value;
    /// called with the column name and row.</param>
    public static void Print(DataFrame frame, string title, int digits = 5, Func<string, long, string?>? explain = null)
    {
        var table = new Table().Title(Markup.Escape(title));
        foreach (var column in frame.Columns) table.AddColumn(Markup.Escape(column.Name));
        for (long r = 0; r < frame.Rows.Count; r++)
        {
            long row = r;
            table.AddRow(frame.Columns.Select(c => Markup.Escape(explain?.Invoke(c.Name, row) ?? c[row] switch
            {
                null => "—",
                double d => d.ToString("G" + digits, CultureInfo.InvariantCulture),
                float f => f.ToString("G" + digits, CultureInfo.InvariantCulture),
                IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString() ?? "",
            })).ToArray());
        }
        AnsiConsole.Write(table);
    }

    /// <summary>
    /// Ctrl+C and SIGTERM (what Slurm's requeue and <c>scancel</c> send) cancel the run instead of killing the process. In a shard of
    /// a <c>--jobs</c> run, Ctrl+C is left to the parent, which stops every shard with SIGTERM (a terminal sends Ctrl+C to the whole
    /// process group: a shard that acted on it too would take the parent's SIGTERM as a second signal and end at once).
    /// </summary>
    internal sealed class StopSignal : IDisposable
    {
        private readonly CancellationTokenSource _source = new();
        private readonly PosixSignalRegistration _terminate;
        private readonly PosixSignalRegistration _interrupt;

        public StopSignal()
        {
            _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        }

        public CancellationToken Token => _source.Token;

        private void Stop(PosixSignalContext context)
        {
            if (context.Signal == PosixSignal.SIGINT && Jobs.ShardChannel.IsShard)
            {
                context.Cancel = true;   // the parent decides
                return;
            }
            if (_source.IsCancellationRequested) return; // a second signal ends the process
            context.Cancel = true;
            Stop("stopping after the current step (again to stop at once)...");
        }

        /// <summary>Cancels the run with <paramref name="message"/> on standard error.</summary>
        public void Stop(string message)
        {
            if (_source.IsCancellationRequested) return;
            Console.Error.WriteLine(message);
            _source.Cancel();
        }

        public void Dispose()
        {
            _terminate.Dispose();
            _interrupt.Dispose();
            _source.Dispose();
        }
    }
}

/// <summary>The exit codes of the analysis commands.</summary>
internal static class ExitCodes
{
    /// <summary>A merge found units missing.</summary>
    public const int MissingUnits = 3;

    /// <summary>Stopped (Ctrl+C, SIGTERM) after saving units or checkpoints: running the command again goes on.</summary>
    public const int StoppedWithProgress = 75;

    /// <summary>Stopped before saving anything: running it again under the same time limit would not get further.</summary>
    public const int StoppedWithoutProgress = 76;
}

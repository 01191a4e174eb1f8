using Microsoft.DotNet.Interactive.Documents;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using NotebookExperiments.Data;
using NotebookExperiments.Notebooks;
using NotebookExperiments.Notebooks.Jupyter;
using NotebookExperiments.Notebooks.Parameters;

namespace NotebookExperiments.Tests.Notebooks.Jupyter;

/// <summary>
/// One <see cref="JupyterKernel"/> with a fresh home (a first run) for all tests of <see cref="JupyterKernelCollection"/>, made
/// on first use, so that the notebooks' packages are restored once per test run; and the runs of the analysis notebooks that
/// several tests inspect, each made once per notebook and parameters, into a results folder of this fixture.
/// </summary>
public sealed class JupyterKernelFixture : IDisposable
{
    private readonly Lazy<JupyterKernel> _kernel = new(JupyterKernel.WithFreshHome);
    private readonly ConcurrentDictionary<string, Lazy<InteractiveDocument>> _runs = new();
    private readonly Lazy<string> _results = new(() => Directory.CreateTempSubdirectory("kernel-notebook-runs").FullName);

    internal JupyterKernel Kernel => _kernel.Value;

    /// <summary>
    /// Notebook <paramref name="name"/> of <c>notebooks/</c> executed in the kernel with <paramref name="parameters"/> injected as
    /// papermill injects them (and a results folder of its own) and the code cells <paramref name="appended"/> added after its last
    /// cell, made on the first request for that notebook, those parameters and those cells.
    /// </summary>
    internal InteractiveDocument Executed(string name, TimeSpan timeout, IReadOnlyList<string> appended, params (string Name, string Value)[] parameters)
    {
        var key = name + "?" + string.Join("&", parameters.Select(p => $"{p.Name}={p.Value}")) + "+" + string.Join("\n---\n", appended);
        return _runs.GetOrAdd(key, _ => new Lazy<InteractiveDocument>(() =>
        {
            var directory = Path.Combine(RepositoryRoot.Find()!, "notebooks");
            var notebook = NotebookFile.Read(Path.Combine(directory, name));
            var output = Path.Combine(_results.Value, $"{name}-{Guid.NewGuid():N}");
            ParameterInjection.Inject(notebook, parameters.Append(("outputDirectory", output)).ToDictionary(p => p.Item1, p => p.Item2));
            foreach (var cell in appended) notebook.AddCode(cell);
            return Kernel.Execute(notebook, directory, timeout);
        })).Value;
    }

    public void Dispose()
    {
        if (_kernel.IsValueCreated) _kernel.Value.Dispose();
        if (_results.IsValueCreated) Directory.Delete(_results.Value, recursive: true);
    }
}

/// <summary>
/// The analysis notebooks of <c>notebooks/</c> as a user runs them: in the real .NET Interactive kernel under Jupyter's own
/// executor, on a first run (empty NuGet cache), with tiny parameters injected as papermill injects them. A notebook passes
/// when no cell has an error output, each analysis shows its Plotly chart (drawn by Plotly.NET.Interactive's formatter) and
/// its DataFrame table, and every value drawn is finite.
/// </summary>
[Collection(JupyterKernelCollection.Name)]
public sealed partial class RealKernelNotebookTests(JupyterKernelFixture fixture) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);
    private readonly string _results = Directory.CreateTempSubdirectory("kernel-notebook-results").FullName;

    public void Dispose() => Directory.Delete(_results, recursive: true);

    private static string NotebooksDirectory => Path.Combine(RepositoryRoot.Find()!, "notebooks");

    /// <summary>The fixture's run of notebook <paramref name="name"/> with <paramref name="parameters"/> (made once per test run).</summary>
    private InteractiveDocument Execute(string name, params (string Name, string Value)[] parameters) => fixture.Executed(name, Timeout, [], parameters);

    /// <summary>
    /// The fixture's run of the β sweep notebook with tiny parameters and <see cref="LibTorchProbe"/> after its last cell, read by
    /// the tests of the notebook, of its progress bar and of the LibTorch the kernel loaded (one kernel run for the three).
    /// </summary>
    private InteractiveDocument BetaSweepRun() => fixture.Executed("01-beta-sweep.ipynb", Timeout, [LibTorchProbe],
        ("configurations", "8x4"), ("betas", "0,0.5"), ("seeds", "0"), ("epochs", "1"), ("trainSize", "300"));

    /// <summary>A cell that returns TorchSharp's LibTorch version, the count of foreign LibTorch libraries in the process and the paths of the <c>libtorch_cpu</c> it mapped, separated by <c>|</c>.</summary>
    private const string LibTorchProbe = """
        var mapped = System.IO.File.ReadLines("/proc/self/maps").Where(l => l.Contains("libtorch_cpu")).Select(l => l[l.IndexOf('/')..]).Distinct();
        $"{TorchSharp.torch.__version__}|{NotebookExperiments.Native.LibTorchPreload.ForeignLibTorchInProcess().Count}|{string.Join(",", mapped)}"
        """;

    private static IEnumerable<InteractiveDocumentOutputElement> Outputs(InteractiveDocument notebook) => notebook.Elements.SelectMany(c => c.Outputs);

    private static void AssertNoErrors(InteractiveDocument notebook)
    {
        var errors = notebook.Elements.Select((c, i) => (Cell: i + 1, c.Outputs))
            .SelectMany(c => c.Outputs.OfType<ErrorElement>().Select(o => $"cell {c.Cell}: {o.ErrorName}: {o.ErrorValue} {string.Join("\n", o.StackTrace)}"))
            .ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors) + "\n" + StreamText(notebook));
    }

    private static string StreamText(InteractiveDocument notebook) =>
        string.Concat(Outputs(notebook).OfType<TextElement>().Select(o => o.Text));

    /// <summary>Checks the chart and table outputs; returns the drawn y values of all charts.</summary>
    private static List<double> AssertChartsAndTables(InteractiveDocument notebook, int charts, int tables)
    {
        var html = Outputs(notebook).Select(o => o.GetText("text/html")).OfType<string>().ToList();
        var chartOutputs = html.Where(h => h.Contains("Plotly.newPlot", StringComparison.Ordinal)).ToList();
        Assert.Equal(charts, chartOutputs.Count);
        Assert.True(html.Count(h => h.Contains("<table", StringComparison.Ordinal)) >= tables, "missing table outputs");
        var values = new List<double>();
        foreach (var chart in chartOutputs)
        {
            var data = ChartData().Match(chart);
            Assert.True(data.Success, "a chart output without its data");
            // Plotly.NET writes a non-finite number as NaN or Infinity, which is not JSON: parsing fails on it.
            using var document = JsonDocument.Parse(data.Groups["json"].Value);
            foreach (var trace in document.RootElement.EnumerateArray())
                if (trace.TryGetProperty("y", out var y) && y.ValueKind == JsonValueKind.Array)
                    values.AddRange(y.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetDouble()));
        }
        Assert.NotEmpty(values);
        Assert.All(values, v => Assert.True(double.IsFinite(v)));
        return values;
    }

    [GeneratedRegex("<progress value=\"(?<value>[^\"]+)\" max=\"(?<max>[^\"]+)\"")]
    private static partial Regex ProgressBar();

    [GeneratedRegex(@"var data = (?<json>\[.*?\]);\s*\n", RegexOptions.Singleline)]
    private static partial Regex ChartData();

    [JupyterFact]
    public void TheFirstCellBuildsAStaleLibraryAndThenFindsItUpToDate()
    {
        var root = RepositoryRoot.Find()!;
        var dll = Path.Combine(root, "lib", "NotebookExperiments.Analyses", "bin", "Release", "net10.0", "NotebookExperiments.Analyses.dll");
        File.SetLastWriteTimeUtc(dll, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var notebook = InteractiveDocument.CreateCSharp().AddCode("#load \"setup.csx\"");

        var first = fixture.Kernel.Execute(notebook, NotebooksDirectory, Timeout);
        var second = fixture.Kernel.Execute(notebook, NotebooksDirectory, Timeout);

        AssertNoErrors(first);
        Assert.Matches(@"NotebookExperiments: building in Release, because .* changed after NotebookExperiments\.Analyses\.dll was built", StreamText(first));
        Assert.Matches(@"NotebookExperiments: built in \d+ s\.", StreamText(first));
        Assert.True(File.GetLastWriteTimeUtc(dll) > new DateTime(2001, 1, 2, 0, 0, 0, DateTimeKind.Utc));
        Assert.Contains("NotebookExperiments: up to date", StreamText(second));
    }

    [JupyterFact]
    public async Task TheFirstCellWaitsWhileAnotherKernelBuildsTheLibrary()
    {
        // Another kernel's build holds the lock file; this kernel's first cell waits for it, then finds the library up to date.
        // The lock is held for twice the time a kernel now takes to start and run one trivial cell, and 20 s more, so that the
        // first cell reaches the lock while it is held even on a machine that other work slows down.
        var path = Path.Combine(RepositoryRoot.Find()!, "artifacts", "library-build.lock");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var startUp = Stopwatch.StartNew();
        AssertNoErrors(fixture.Kernel.Execute(InteractiveDocument.CreateCSharp().AddCode("1 + 1"), NotebooksDirectory, Timeout));
        var hold = 2 * startUp.Elapsed + TimeSpan.FromSeconds(20);
        var notebook = InteractiveDocument.CreateCSharp().AddCode("#load \"setup.csx\"");
        InteractiveDocument executed;
        using (var held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var run = Task.Run(() => fixture.Kernel.Execute(notebook, NotebooksDirectory, Timeout));
            await Task.Delay(hold);
            Assert.False(run.IsCompleted, "the first cell did not wait for the lock: " + (run.IsCompleted ? StreamText(run.Result) : ""));
            held.Close();
            executed = await run;
        }
        AssertNoErrors(executed);
        var text = StreamText(executed);
        Assert.Contains("NotebookExperiments: another kernel is building the library; waiting for it...", text);
        Assert.Contains("NotebookExperiments: up to date", text);
    }

    [JupyterFact]
    public void TorchSharpLoadsItsOwnLibTorchInTheKernel()
    {
        // A kernel that ran notebook 01 (build, packages, TorchSharp, then an analysis), then what the process has mapped. Where
        // Debian's libtorch-dev is installed (CI installs it), the loader would otherwise bind its LibTorch 1.13 by name. Errors of
        // the analysis cells are BetaSweep's to report; the setup cells and the probe must have none.
        var executed = BetaSweepRun();

        var setup = executed.Elements.TakeWhile(c => !c.HasTag("parameters") && !c.HasTag(ParameterInjection.InjectedTag)).ToList();
        Assert.Contains(setup, c => !c.IsMarkdown);
        var errors = setup.Append(executed.Elements[^1]).SelectMany(c => c.Outputs.OfType<ErrorElement>()).Select(o => $"{o.ErrorName}: {o.ErrorValue}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var parts = executed.Elements[^1].Outputs.Single(o => o is ReturnValueElement).GetText("text/plain")!.Split('|');
        Assert.StartsWith("2.10", parts[0]);
        Assert.Equal("0", parts[1]);
        Assert.All(parts[2].Split(','), path => Assert.Contains("/.nuget/packages/", path));
    }

    [JupyterFact]
    public void BetaSweep()
    {
        var notebook = BetaSweepRun();
        AssertNoErrors(notebook);
        AssertChartsAndTables(notebook, charts: 1, tables: 1);
    }

    [JupyterFact]
    public void TemperatureStudy()
    {
        var notebook = Execute("02-temperature-study.ipynb",
            ("preset", "smoke"), ("temperatures", "0.5,1"), ("samples", "16"), ("checkpointEpoch", "1"), ("checkpointTrainSize", "300"),
            ("trainingTemperatures", "1"), ("epochs", "1"), ("trainSize", "300"), ("batchSizes", "1,10"), ("batchSizeSamples", "8"));
        AssertNoErrors(notebook);
        AssertChartsAndTables(notebook, charts: 5, tables: 4);
    }

    [JupyterFact]
    public void BiasVarianceCheckpoints()
    {
        var notebook = Execute("03-bias-variance-checkpoints.ipynb",
            ("seeds", "0,1"), ("epochs", "2"), ("trainSize", "300"), ("checkpointEpochs", "1,2"), ("samples", "16"), ("estimators", "st:tau=1,zgr"),
            ("gridEtas", "0.7"), ("gridTau2s", "0.1"), ("gridSamples", "16"));
        AssertNoErrors(notebook);
        AssertChartsAndTables(notebook, charts: 2, tables: 2);
    }

    [JupyterFact]
    public void YourOwnEstimator()
    {
        var notebook = Execute("04-your-own-estimator.ipynb",
            ("samples", "16"), ("trainSize", "300"), ("epochs", "1"), ("temperatures", "0.5,1"));
        AssertNoErrors(notebook);
        AssertChartsAndTables(notebook, charts: 2, tables: 2);
    }

    [JupyterFact]
    public void ElboTable()
    {
        var notebook = Execute("05-elbo-table.ipynb",
            ("configurations", "8x4"), ("estimators", "ST,ReinMax"), ("seeds", "0,1"), ("epochs", "1"), ("trainSize", "300"));
        AssertNoErrors(notebook);
        AssertChartsAndTables(notebook, charts: 1, tables: 3);
    }

    /// <summary>
    /// A cell that records, for every exception thrown while an analysis runs (<c>AnalysisRunner.Run</c> on the stack), when and
    /// which: the moment a stopped analysis sees its cancelled token and unwinds.
    /// </summary>
    private const string StopProbe = """
        var analysisExceptions = new System.Collections.Concurrent.ConcurrentQueue<(long Ticks, string Type)>();
        var probing = new System.Threading.ThreadLocal<bool>();
        AppDomain.CurrentDomain.FirstChanceException += (_, e) =>
        {
            if (probing.Value) return; // an exception thrown while the stack is read
            probing.Value = true;
            try
            {
                if (new System.Diagnostics.StackTrace(false).ToString().Contains("NotebookExperiments.Analyses.AnalysisRunner.Run", StringComparison.Ordinal))
                    analysisExceptions.Enqueue((DateTime.UtcNow.Ticks, e.Exception.GetType().Name));
            }
            finally { probing.Value = false; }
        };
        """;

    /// <summary>The keys of the units saved in a result folder's units files (their header lines left out).</summary>
    private static List<string> SavedUnits(string folder) =>
        !Directory.Exists(folder) ? [] : Directory.GetFiles(folder, "units-*.jsonl")
            .SelectMany(f => File.ReadAllText(f).Split('\n').Skip(1).Where(l => l.EndsWith('}')))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("key").GetString()!).ToList();

    [JupyterFact]
    public void StopEndsARunningAnalysisWithinSecondsAndKeepsWhatItFinished()
    {
        // Notebook 03 as VS Code runs it, pressing Stop during its analysis cell. Its budget: 256 estimates of ST (seconds), then
        // 256 of GR-MC with K = 1000 (about a minute on 2 cores); each unit is saved as it ends. Stop comes once ST's is saved.
        var output = Path.Combine(_results, "stopped");
        var notebook = NotebookFile.Read(Path.Combine(NotebooksDirectory, "03-bias-variance-checkpoints.ipynb"));
        ParameterInjection.Inject(notebook, new Dictionary<string, string>
        {
            ["seeds"] = "0", ["epochs"] = "1", ["trainSize"] = "200", ["checkpointEpochs"] = "1", ["samples"] = "256",
            ["estimators"] = "st:tau=1,gr-mc:k=1000", ["outputDirectory"] = output,
        });
        var cells = notebook.Elements.Where(c => !c.IsMarkdown).Select(c => c.Contents).ToList();
        int analysis = cells.FindIndex(c => c.Contains("session.Run(new BiasVarianceStudy(), parameters)", StringComparison.Ordinal));
        using var session = new KernelSession(fixture.Kernel.StandardIoStartInfo(NotebooksDirectory));
        foreach (var cell in cells.Take(analysis).Append(StopProbe))
        {
            var done = session.Run(cell, Timeout);
            Assert.True(done.Succeeded, $"{done.Message}\n{done.Output}\n{cell}");
        }

        var running = session.Submit(cells[analysis]);
        var clock = Stopwatch.StartNew();
        while (SavedUnits(output).Count == 0)
        {
            if (session.HasEnded(running)) Assert.Fail("the analysis cell ended before its first unit was saved: " + session.WaitFor(running, Timeout));
            Assert.True(clock.Elapsed < Timeout, "no unit saved within " + Timeout);
            Thread.Sleep(200);
        }
        long stopped = DateTime.UtcNow.Ticks;
        session.Cancel();

        // The kernel ends the cell at once, whether or not the code in it stops; the next cell waits for the analysis to unwind.
        var cancelled = session.WaitFor(running, TimeSpan.FromSeconds(30));
        Assert.Equal((false, "Command cancelled."), (cancelled.Succeeded, cancelled.Message));
        var next = session.Run($$"""
            System.Threading.SpinWait.SpinUntil(() => analysisExceptions.Any(e => e.Ticks >= {{stopped}} && e.Type == nameof(OperationCanceledException)),
                TimeSpan.FromSeconds(60));
            Console.Write(string.Join(";", analysisExceptions.Where(e => e.Ticks >= {{stopped}}).Select(e => $"{e.Ticks}|{e.Type}")));
            """, TimeSpan.FromMinutes(5));
        Assert.True(next.Succeeded, next.Message);
        Assert.True(session.IsAlive);
        var seen = next.Output.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(e => e.Split('|')).Select(e => (Ticks: long.Parse(e[0]), Type: e[1])).ToList();
        var stop = seen.FirstOrDefault(e => e.Type == nameof(OperationCanceledException));
        Assert.True(stop.Ticks > 0, "the analysis did not stop within a minute of Stop; exceptions thrown in it: " + next.Output);
        // The analysis checks the token before every training step and every batched pass of estimates (here 2 estimates of
        // GR-MC1000 per pass: well under a second), so it stops within a pass; 10 s leaves room for a loaded 2-core machine. A check
        // between units only would stop it at the end of GR-MC1000's 256 estimates, about a minute later.
        var latency = TimeSpan.FromTicks(stop.Ticks - stopped);
        Assert.True(latency < TimeSpan.FromSeconds(10), $"the analysis stopped {latency.TotalSeconds:F1} s after Stop; exceptions thrown in it: {next.Output}");

        // What finished before Stop is saved (ST's unit), nothing after it, and the folder says a run started and did not finish.
        var saved = Assert.Single(SavedUnits(output));
        Assert.StartsWith("seed=0|epoch=1|st:tau=1#", saved);
        Assert.True(File.Exists(Path.Combine(output, NotebookExperiments.Analyses.Provenance.StartedFileName)));
    }

    [JupyterFact]
    public void TheProgressBarEndsAtItsLastStateInPlace()
    {
        // The run of BetaSweep (one per test run): its analysis cell shows one bar, updated in place.
        var notebook = BetaSweepRun();
        AssertNoErrors(notebook);
        var bars = Outputs(notebook).Select(o => o.GetText("text/html")).OfType<string>().Where(h => h.Contains("<progress", StringComparison.Ordinal)).ToList();
        var bar = ProgressBar().Match(Assert.Single(bars));
        Assert.True(bar.Success, "a progress output without its bar");
        Assert.Equal(bar.Groups["max"].Value, bar.Groups["value"].Value);
    }
}

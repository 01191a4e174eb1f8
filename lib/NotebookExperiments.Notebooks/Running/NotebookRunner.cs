using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using NotebookExperiments.Notebooks.Packages;
using NotebookExperiments.Notebooks.Parameters;
using NotebookExperiments.Notebooks.Rendering;

namespace NotebookExperiments.Notebooks.Running;

/// <summary>
/// Runs a C# notebook without a kernel, the way the .NET Interactive C# kernel does underneath: each code cell in order
/// is one Roslyn scripting submission continuing the previous one's state, with the kernel's default imports.
/// </summary>
/// <remarks>
/// <para>Before any cell runs, the notebook is checked as a whole: parameter overrides are converted and injected
/// (<see cref="ParameterInjection"/>), every <c>#r "nuget: Name, Version"</c> must match <c>Directory.Packages.props</c>
/// (<see cref="PackagePins"/>), magic commands other than a <c>#!csharp</c> selector are refused, and cells must be C#.
/// Problems are reported together as a <see cref="NotebookValidationException"/>.</para>
/// <para>Cells compile against the host's own copies of the pinned packages and of this repository's library
/// (<see cref="HostAssemblies"/>); <c>#r "file.dll"</c> and <c>#load</c> resolve relative to the notebook's folder.
/// Each cell's console text, <c>display(…)</c> calls and trailing value become its outputs
/// (<see cref="OutputFormatter"/>). A compilation error or exception stops the run: the executed notebook records it as
/// an <c>error</c> output and <see cref="NotebookRunResult.Failure"/> names the cell.</para>
/// <para>Console output and the working directory are process-wide, so run one notebook at a time per process. Each
/// cell is compiled into an assembly that cannot be unloaded; many runs in one process accumulate them.</para>
/// </remarks>
public sealed class NotebookRunner
{
    /// <summary>The <c>ename</c> of an error output for a cell that does not compile.</summary>
    public const string CompilationErrorName = "CompilationError";

    /// <summary>The namespaces every cell imports, as in the C# kernel.</summary>
    public static IReadOnlyList<string> DefaultImports { get; } =
        ["System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq"];

    private readonly IReadOnlyDictionary<string, MetadataReference> _hostReferences;
    private readonly IReadOnlyList<MetadataReference> _frameworkReferences;

    /// <summary>Creates a runner whose cells see <see cref="HostAssemblies"/> and <paramref name="additionalReferences"/>.</summary>
    public NotebookRunner(IEnumerable<Assembly>? additionalReferences = null)
    {
        References = HostAssemblies.Collect(additionalReferences);
        _hostReferences = References.ToDictionary(a => a.GetName().Name!, a => (MetadataReference)MetadataReference.CreateFromFile(a.Location), StringComparer.OrdinalIgnoreCase);
        _frameworkReferences = HostAssemblies.FrameworkFiles().Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToList();
    }

    /// <summary>The host assemblies the cells compile against.</summary>
    public IReadOnlyList<Assembly> References { get; }

    /// <summary>Reads a notebook file and runs it (see <see cref="RunAsync"/>); relative paths resolve against its folder.</summary>
    public Task<NotebookRunResult> RunFileAsync(string path, NotebookRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        var fullPath = Path.GetFullPath(path);
        var notebook = NotebookFile.Read(fullPath);
        options ??= new NotebookRunOptions();
        return RunAsync(notebook, options with { BaseDirectory = options.BaseDirectory ?? Path.GetDirectoryName(fullPath) }, Path.GetFileName(fullPath), cancellationToken);
    }

    /// <summary>Runs a notebook (the given object is not changed; the result holds the executed copy).</summary>
    /// <param name="notebook">The notebook.</param>
    /// <param name="options">Parameters, folders, progress.</param>
    /// <param name="name">The notebook's name in file paths of diagnostics and stack traces.</param>
    /// <param name="cancellationToken">Stops the run between cells and inside cells that observe it.</param>
    /// <exception cref="NotebookParameterException">A parameter override is unknown or not of the declared type.</exception>
    /// <exception cref="NotebookValidationException">Pins, magic commands or kernels are wrong; nothing ran.</exception>
    public async Task<NotebookRunResult> RunAsync(Notebook notebook, NotebookRunOptions? options = null, string name = "notebook.ipynb", CancellationToken cancellationToken = default)
    {
        options ??= new NotebookRunOptions();
        var clock = Stopwatch.StartNew();
        var baseDirectory = Path.GetFullPath(options.BaseDirectory ?? Directory.GetCurrentDirectory());

        var executed = notebook.Clone();
        executed.ClearOutputs();
        var (injectedIndex, injected) = ParameterInjection.Inject(executed, options.Parameters);
        bool inserted = executed.Cells.Count > notebook.Cells.Count;
        CellReference Reference(int index) => injectedIndex == index
            ? new CellReference(index, IsInjectedParameters: true)
            : new CellReference(inserted && index > injectedIndex ? index : index + 1, IsInjectedParameters: false);

        var plan = Validate(notebook, executed, options, baseDirectory, Reference);
        var scriptOptions = BaseScriptOptions(baseDirectory);
        var globals = new NotebookGlobals();
        var formatter = new OutputFormatter();
        var runs = new List<CellRun>();
        CellFailure? failure = null;
        ScriptState<object>? state = null;
        int executionCount = 0;

        var originalOut = Console.Out;
        var originalError = Console.Error;
        var originalDirectory = Directory.GetCurrentDirectory();
        if (options.SetWorkingDirectory) Directory.SetCurrentDirectory(baseDirectory);
        try
        {
            for (int ordinal = 0; ordinal < plan.Count && failure is null; ordinal++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (index, code) = plan[ordinal];
                var cell = executed.Cells[index];
                var reference = Reference(index);
                cell.ExecutionCount = ++executionCount;
                options.Progress?.Report(new CellProgress(CellProgressStage.Started, reference, ordinal + 1, plan.Count, FirstLine(cell.Source), TimeSpan.Zero));

                var cellClock = Stopwatch.StartNew();
                var collector = new CellOutputCollector(formatter, options.Echo);
                globals.Collector = collector;
                Exception? exception = null;
                ImmutableArray<Diagnostic> errors = [];
                object? value = null;
                Console.SetOut(collector.Stdout);
                Console.SetError(collector.Stderr);
                try
                {
                    if (!string.IsNullOrWhiteSpace(code))
                    {
                        var cellName = reference.IsInjectedParameters ? "injected-parameters" : $"cell {reference.Number}";
                        var submission = scriptOptions.WithFilePath(Path.Combine(baseDirectory, $"{name} {cellName}"));
                        state = state is null
                            ? await CSharpScript.Create<object>(code, submission, typeof(NotebookGlobals)).RunAsync(globals, _ => true, cancellationToken).ConfigureAwait(false)
                            : await state.ContinueWithAsync<object>(code, submission, _ => true, cancellationToken).ConfigureAwait(false);
                        exception = state.Exception;
                        value = exception is null ? state.ReturnValue : null;
                    }
                }
                catch (CompilationErrorException e)
                {
                    errors = e.Diagnostics;
                }
                finally
                {
                    Console.SetOut(originalOut);
                    Console.SetError(originalError);
                    globals.Collector = null;
                }

                collector.Complete();
                cell.Outputs.AddRange(collector.Outputs);
                if (!errors.IsDefaultOrEmpty)
                {
                    var lines = errors.Where(d => d.Severity == DiagnosticSeverity.Error).Select(Describe).ToList();
                    cell.Outputs.Add(CellOutput.Error(CompilationErrorName, string.Join("\n", lines), lines));
                    failure = new CellFailure(reference, CompilationErrorName, string.Join("; ", lines));
                }
                else if (exception is not null)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    cell.Outputs.Add(CellOutput.Error(exception.GetType().FullName ?? exception.GetType().Name, exception.Message, Traceback(exception)));
                    failure = new CellFailure(reference, exception.GetType().FullName ?? exception.GetType().Name, exception.Message);
                }
                else if (value is not null)
                {
                    try
                    {
                        cell.Outputs.Add(CellOutput.ExecuteResult(executionCount, formatter.Format(value)));
                    }
                    catch (Exception e) // the value's own ToString or formatter failed: that is the cell's failure
                    {
                        var errorName = e.GetType().FullName ?? e.GetType().Name;
                        var message = $"formatting the cell's value failed: {e.Message}";
                        cell.Outputs.Add(CellOutput.Error(errorName, message, Traceback(e)));
                        failure = new CellFailure(reference, errorName, message);
                    }
                }

                runs.Add(new CellRun(reference, executionCount, cellClock.Elapsed, failure is null));
                options.Progress?.Report(new CellProgress(failure is null ? CellProgressStage.Succeeded : CellProgressStage.Failed,
                    reference, ordinal + 1, plan.Count, FirstLine(cell.Source), cellClock.Elapsed));
            }
        }
        finally
        {
            if (options.SetWorkingDirectory) Directory.SetCurrentDirectory(originalDirectory);
        }
        return new NotebookRunResult(executed, failure, runs, injected, clock.Elapsed, state);
    }

    /// <summary>Checks the notebook as a whole and returns the code cells to run (index in the executed notebook, prepared code).</summary>
    private static List<(int Index, string Code)> Validate(Notebook original, Notebook executed, NotebookRunOptions options, string baseDirectory, Func<int, CellReference> reference)
    {
        var problems = new List<string>();
        var plan = new List<(int, string)>();
        for (int i = 0; i < executed.Cells.Count; i++)
        {
            var cell = executed.Cells[i];
            if (cell.Kind != CellKind.Code) continue;
            var kernel = DotNetNotebookMetadata.KernelOf(executed, cell);
            if (kernel is not null && !DotNetNotebookMetadata.IsCSharp(kernel))
                problems.Add($"{reference(i)}: runs in the '{kernel}' kernel; the runner executes C# cells only.");
            var (code, cellProblems) = CellDirectives.Prepare(cell.Source);
            problems.AddRange(cellProblems.Select(p => $"{reference(i)}, line {p.Line}: {p.Message}"));
            plan.Add((i, code));
        }

        bool hasNuGetLines = original.Cells.Any(c => c.Kind == CellKind.Code && c.Source.Split('\n').Any(NuGetReference.LooksLikeNuGetDirective));
        if (hasNuGetLines)
        {
            try
            {
                var versions = options.PackageVersions ?? CentralPackageVersions.ForRepositoryOf(baseDirectory, AppContext.BaseDirectory);
                problems.AddRange(new PackagePins(versions).Check(original).Select(p => p.ToString()));
            }
            catch (Exception e) when (e is FileNotFoundException or InvalidDataException or System.Xml.XmlException)
            {
                problems.Add($"cannot check the #r \"nuget: …\" pins: {e.Message}");
            }
        }
        if (problems.Count > 0) throw new NotebookValidationException(problems);
        return plan;
    }

    private ScriptOptions BaseScriptOptions(string baseDirectory) => ScriptOptions.Default
        .WithLanguageVersion(LanguageVersion.Latest)
        .WithImports(DefaultImports)
        .AddReferences(_frameworkReferences)
        .AddReferences(_hostReferences.Values)
        .WithMetadataResolver(new HostAwareMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(baseDirectory), _hostReferences))
        .WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, baseDirectory))
        .WithOptimizationLevel(OptimizationLevel.Release)
        .WithEmitDebugInformation(true)
        .WithFileEncoding(Encoding.UTF8);

    private static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        var position = string.Create(CultureInfo.InvariantCulture, $"({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})");
        var file = diagnostic.Location.IsInSource && span.Path.EndsWith(".csx", StringComparison.OrdinalIgnoreCase) ? Path.GetFileName(span.Path) : "";
        return $"{file}{position}: error {diagnostic.Id}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The exception's text without the frames of Roslyn's scripting machinery below the cell.</summary>
    private static IEnumerable<string> Traceback(Exception exception)
    {
        var lines = exception.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var kept = lines.Where(l => !l.TrimStart().StartsWith("at Microsoft.CodeAnalysis.Scripting.", StringComparison.Ordinal)).ToList();
        while (kept.Count > 1 && kept[^1].StartsWith("---", StringComparison.Ordinal)) kept.RemoveAt(kept.Count - 1);
        return kept;
    }

    /// <summary>The first line of code (not blank, not a comment), else the first non-blank line.</summary>
    private static string FirstLine(string source)
    {
        var lines = source.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        return lines.FirstOrDefault(l => !l.StartsWith("//", StringComparison.Ordinal)) ?? lines.FirstOrDefault() ?? "";
    }
}

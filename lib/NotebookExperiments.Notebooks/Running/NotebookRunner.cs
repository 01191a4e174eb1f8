using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using NotebookExperiments.Notebooks.Packages;
using NotebookExperiments.Notebooks.Parameters;

namespace NotebookExperiments.Notebooks.Running;

/// <summary>
/// Runs a C# notebook in the .NET Interactive C# kernel hosted in this process (<see cref="NotebookKernel"/>): each code cell
/// in order is one <c>SubmitCode</c> to a fresh kernel, so <c>#r "nuget: …"</c> restores, <c>display</c>, <c>HTML</c>, the
/// kernel's formatters (DataFrame tables, Plotly.NET charts) and <c>#load</c> behave as in VS Code and Jupyter.
/// </summary>
/// <remarks>
/// <para>What this adds to the kernel: papermill's parameter convention, typed (<see cref="ParameterInjection"/>: a cell tagged
/// <c>injected-parameters</c> after the cell tagged <c>parameters</c>); a check before anything runs that every
/// <c>#r "nuget: Name, Version"</c> matches <c>Directory.Packages.props</c> (<see cref="PackagePins"/>) and that every cell is
/// C#; outputs stored as Jupyter's executor stores them (<see cref="CellOutputRecorder"/>); per-cell progress; and a failure
/// that names its cell. A failure stops the run and is recorded as an <c>error</c> output.</para>
/// <para>The kernel resolves relative paths (<c>#r "../lib/…dll"</c>, <c>#load</c>) against the working directory, which is
/// the notebook's folder while the cells run, as VS Code and Jupyter start the kernel there. The working directory is
/// process-wide, so run one notebook at a time per process. Assemblies a notebook loads stay loaded until the process ends.</para>
/// </remarks>
internal sealed class NotebookRunner
{
    /// <summary>The <see cref="CellFailure.ErrorName"/> of a cell that does not compile.</summary>
    public const string CompilationErrorName = "CompilationError";

    /// <summary>Reads a notebook file and runs it (see <see cref="RunAsync"/>); relative paths resolve against its folder.</summary>
    public Task<NotebookRunResult> RunFileAsync(string path, NotebookRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        var fullPath = Path.GetFullPath(path);
        var notebook = NotebookFile.Read(fullPath);
        options ??= new NotebookRunOptions();
        return RunAsync(notebook, options with { BaseDirectory = options.BaseDirectory ?? Path.GetDirectoryName(fullPath) }, cancellationToken);
    }

    /// <summary>Runs a notebook (the given object is not changed; the result holds the executed copy).</summary>
    /// <param name="notebook">The notebook.</param>
    /// <param name="options">Parameters, folders, progress.</param>
    /// <param name="cancellationToken">Stops the run between cells and inside cells that observe it.</param>
    /// <exception cref="NotebookParameterException">A parameter override is unknown or not of the declared type.</exception>
    /// <exception cref="NotebookValidationException">Pins or kernels are wrong; nothing ran.</exception>
    public async Task<NotebookRunResult> RunAsync(InteractiveDocument notebook, NotebookRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new NotebookRunOptions();
        var clock = Stopwatch.StartNew();
        var baseDirectory = Path.GetFullPath(options.BaseDirectory ?? Directory.GetCurrentDirectory());

        var executed = notebook.Clone();
        executed.ClearOutputs();
        var (injectedIndex, injected) = ParameterInjection.Inject(executed, options.Parameters);
        bool inserted = executed.Elements.Count > notebook.Elements.Count;
        CellReference Reference(int index) => injectedIndex == index
            ? new CellReference(index, IsInjectedParameters: true)
            : new CellReference(inserted && index > injectedIndex ? index : index + 1, IsInjectedParameters: false);

        var plan = Validate(notebook, executed, options, baseDirectory, Reference);
        CellFailure? failure = null;
        int executionCount = 0;

        using var kernel = NotebookKernel.Create();
        var recorder = new CellOutputRecorder(options.Echo);
        using var subscription = kernel.KernelEvents.Subscribe(recorder.Record);
        var originalDirectory = Directory.GetCurrentDirectory();
        if (options.SetWorkingDirectory) Directory.SetCurrentDirectory(baseDirectory);
        try
        {
            for (int ordinal = 0; ordinal < plan.Count && failure is null; ordinal++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int index = plan[ordinal];
                var cell = executed.Elements[index];
                var reference = Reference(index);
                cell.ExecutionOrder = ++executionCount;
                options.Progress?.Report(new CellProgress(CellProgressStage.Started, reference, ordinal + 1, plan.Count, FirstLine(cell.Contents), TimeSpan.Zero));

                var cellClock = Stopwatch.StartNew();
                recorder.Begin(cell);
                KernelCommandResult result;
                try
                {
                    var submission = new SubmitCode(cell.Contents, DotNetNotebookMetadata.CSharpKernelName);
                    result = await kernel.SendAsync(submission, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    recorder.End();
                }
                if (result.Events.OfType<CommandFailed>().FirstOrDefault() is { } failed)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var output = CellOutputRecorder.Error(failed);
                    cell.Outputs.Add(output);
                    failure = CellOutputRecorder.IsCompilationError(failed)
                        ? new CellFailure(reference, CompilationErrorName, failed.Message)
                        : new CellFailure(reference, output.ErrorName, failed.Exception is null ? failed.Message : output.ErrorValue);
                }
                options.Progress?.Report(new CellProgress(failure is null ? CellProgressStage.Succeeded : CellProgressStage.Failed,
                    reference, ordinal + 1, plan.Count, FirstLine(cell.Contents), cellClock.Elapsed));
            }
        }
        finally
        {
            if (options.SetWorkingDirectory) Directory.SetCurrentDirectory(originalDirectory);
        }

        var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var variable in NotebookKernel.CSharpOf(kernel).ScriptState?.Variables ?? []) variables[variable.Name] = variable.Value;
        return new NotebookRunResult(executed, failure, executionCount, injected, clock.Elapsed, variables);
    }

    /// <summary>Checks the notebook as a whole and returns the indexes (in the executed notebook) of the code cells to run.</summary>
    private static List<int> Validate(InteractiveDocument original, InteractiveDocument executed, NotebookRunOptions options, string baseDirectory, Func<int, CellReference> reference)
    {
        var problems = new List<string>();
        var plan = new List<int>();
        for (int i = 0; i < executed.Elements.Count; i++)
        {
            var cell = executed.Elements[i];
            if (cell.IsMarkdown || string.IsNullOrWhiteSpace(cell.Contents)) continue;
            // The kernel its metadata names (polyglot_notebook.kernelName, else dotnet_interactive.language), else the notebook's.
            var kernel = cell.KernelName ?? DotNetNotebookMetadata.DefaultKernelName(executed);
            if (kernel is not null && !DotNetNotebookMetadata.IsCSharp(kernel))
                problems.Add($"{reference(i)}: runs in the '{kernel}' kernel; run-notebook hosts the C# kernel only.");
            plan.Add(i);
        }

        bool hasNuGetLines = original.Elements.Any(c => !c.IsMarkdown && c.Contents.Split('\n').Any(NuGetReference.LooksLikeNuGetDirective));
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

    /// <summary>The first line of code (not blank, not a comment), else the first non-blank line.</summary>
    private static string FirstLine(string source)
    {
        var lines = source.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        return lines.FirstOrDefault(l => !l.StartsWith("//", StringComparison.Ordinal)) ?? lines.FirstOrDefault() ?? "";
    }
}

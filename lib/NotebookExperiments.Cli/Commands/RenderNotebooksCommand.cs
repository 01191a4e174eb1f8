using System.CommandLine;
using NotebookExperiments.Analyses;
using NotebookExperiments.Notebooks.Executed;
using NotebookExperiments.Notebooks.Jupyter;
using NotebookExperiments.Notebooks.Parameters;
using NotebookExperiments.Notebooks.Rendering;

namespace NotebookExperiments.Cli.Commands;

/// <summary>
/// <c>render-notebooks [NAME ...] [-p name=value ...] [--out DIR] [--kernel-home DIR] [--keep-interactive-charts] [--check]</c>:
/// the executed copies of the notebooks (<see cref="ExecutedCopies"/>): each notebook of <c>notebooks/</c> run at its default
/// (quick) preset in the real kernel under <c>jupyter nbconvert --execute</c>, its results in a temporary folder, its charts
/// drawn as images in headless Chromium, written to <c>notebooks/executed/</c> with <c>manifest.json</c>. <c>--check</c> runs
/// nothing and says whether the copies are current. Exits 2 naming what is missing or what failed.
/// </summary>
internal static class RenderNotebooksCommand
{
    /// <summary>The command that regenerates the committed copies, as the manifest and the staleness check name it.</summary>
    public const string Invocation = "dotnet run --project lib/NotebookExperiments.Cli -c Release -- render-notebooks";

    public static Command Create()
    {
        var names = new Argument<string[]>("notebooks")
        {
            Description = "The notebooks to run, by file name (e.g. 01-beta-sweep.ipynb); default: all of notebooks/.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var parameters = new Option<string[]>("--parameter", "-p")
        {
            Description = "Override a variable of each notebook's cell tagged 'parameters': name=value (repeatable; arrays as a,b,c). The committed copies use none.",
            AllowMultipleArgumentsPerToken = false,
        };
        var output = new Option<string?>("--out") { Description = "Where to write the executed copies and manifest.json (default: notebooks/executed/)." };
        var kernelHome = new Option<string?>("--kernel-home")
        {
            Description = "Run the kernel with a home and temp folder of its own under this folder (its first run restores the notebooks' packages there, about 2.5 GB; kept for the next). Default: your home.",
        };
        var keepInteractive = new Option<bool>("--keep-interactive-charts") { Description = "Keep each chart's interactive HTML beside its image (by default the image replaces it, so that every viewer shows it)." };
        var check = new Option<bool>("--check") { Description = "Run nothing: say whether the copies in the output folder are current (exit 2 when not)." };

        var command = new Command("render-notebooks",
            "Execute the notebooks at their quick preset in the real kernel under Jupyter (results in a temporary folder), draw their charts as images " +
            "in headless Chromium, and write the executed copies to notebooks/executed/ with manifest.json.")
        {
            names, parameters, output, kernelHome, keepInteractive, check,
        };
        command.SetAction(result => CommonOptions.Guard(() => Run(
            result.GetValue(names) ?? [], result.GetValue(parameters) ?? [], result.GetValue(output), result.GetValue(kernelHome),
            result.GetValue(keepInteractive), result.GetValue(check))));
        return command;
    }

    private static int Run(string[] names, string[] assignments, string? output, string? kernelHome, bool keepInteractive, bool check)
    {
        var root = RepositoryRoot.Find()
            ?? throw new DirectoryNotFoundException($"No {RepositoryRoot.MarkerFileName} at or above {Environment.CurrentDirectory}: run this command inside the repository.");
        var notebooks = Path.Combine(root, "notebooks");
        var executed = Path.GetFullPath(output ?? Path.Combine(notebooks, "executed"));
        if (check)
        {
            var problems = ExecutedCopies.Problems(notebooks, executed);
            foreach (var problem in problems) Console.Error.WriteLine(problem);
            if (problems.Count == 0) Console.WriteLine($"the executed copies in {Path.GetRelativePath(root, executed)} are current");
            else Console.Error.WriteLine($"error: the executed copies are not current; run `{Invocation}`");
            return problems.Count == 0 ? 0 : 2;
        }

        var options = new ExecutedCopyOptions
        {
            NotebooksDirectory = notebooks,
            OutputDirectory = executed,
            Notebooks = names,
            Parameters = ParameterInjection.ParseAssignments(assignments),
            KeepInteractiveCharts = keepInteractive,
            Command = Invocation,
            ResultsRevision = ResultsRevision.Current,
        };
        // The notebooks and both tools are checked before the first notebook runs for minutes.
        ExecutedCopies.ChosenNotebooks(options);
        if (ChartImages.Unavailable is { } noBrowser) throw new ChartRenderingException(noBrowser);
        using var kernel = new JupyterKernel(kernelHome);
        // Each step printed as it happens (System.Progress would post it to the thread pool).
        var progress = new SynchronousProgress<string>(step => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {step}"));
        var written = ExecutedCopies.Render(options, kernel, progress);
        Console.WriteLine($"wrote {written.Count} executed notebook(s) and {ExecutedManifest.FileName} to {executed}");
        return 0;
    }
}

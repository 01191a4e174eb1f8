using System.CommandLine;
using System.Globalization;
using NotebookExperiments.Native;
using NotebookExperiments.Notebooks;
using NotebookExperiments.Notebooks.Parameters;
using NotebookExperiments.Notebooks.Rendering;
using NotebookExperiments.Notebooks.Running;
using Spectre.Console;
using TorchSharp;

namespace NotebookExperiments.Cli.Commands;

/// <summary>
/// <c>run-notebook</c>: executes a notebook in the .NET Interactive C# kernel hosted in this process
/// (<see cref="NotebookRunner"/>), with typed parameter overrides injected as papermill does, printing each code cell as it starts and finishes; writes the executed notebook and an offline HTML
/// report when asked. Exits 2 naming the cell when one fails (the outputs are still written).
/// </summary>
internal static class RunNotebookCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "The .ipynb notebook to run." };
        var parameters = new Option<string[]>("--parameter", "-p")
        {
            Description = "Override a variable of the cell tagged 'parameters': name=value (repeatable; arrays as a,b,c).",
            AllowMultipleArgumentsPerToken = false,
        };
        var output = new Option<string?>("--out") { Description = "Write the executed notebook (with outputs) here." };
        var html = new Option<string?>("--html") { Description = "Write an HTML report of the executed notebook here (works offline)." };
        var quiet = new Option<bool>("--quiet") { Description = "Do not echo the cells' console output (it is still captured in the outputs)." };
        var threads = CommonOptions.Threads();

        var command = new Command("run-notebook", "Run a notebook's cells in order in the .NET Interactive C# kernel (hosted in this process), with typed parameters; report progress, write the executed notebook and an offline HTML report.")
        {
            path, parameters, output, html, quiet, threads,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(path)!, result.GetValue(parameters) ?? [], result.GetValue(output), result.GetValue(html),
            result.GetValue(quiet), result.GetValue(threads), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string path, string[] assignments, string? output, string? html, bool quiet, int? threads, CancellationToken cancellationToken)
    {
        try
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"No notebook at {path}.", path);
            if (threads < 1) throw new ArgumentException($"--threads must be at least 1, not {threads}.");
            // Notebooks use torch: load it (with the native fix) before any cell does; --threads fixes the count, otherwise the
            // notebook's analyses share the cores with the other runs here (TorchThreads).
            TorchRuntime.EnsureLoaded();
            if (threads is int n) TorchThreads.Use(n, FormattableString.Invariant($"--threads {n}"));

            var runner = new NotebookRunner();
            var options = new NotebookRunOptions
            {
                Parameters = ParameterInjection.ParseAssignments(assignments),
                Progress = new SynchronousProgress<CellProgress>(Report),
                Echo = quiet ? null : Console.Out,
            };
            var result = await runner.RunFileAsync(path, options, cancellationToken);

            if (output is not null)
            {
                NotebookFile.Write(result.Notebook, output);
                AnsiConsole.MarkupLineInterpolated($"executed notebook: [bold]{output}[/]");
            }
            if (html is not null)
            {
                NotebookHtmlReport.Write(result.Notebook, html);
                AnsiConsole.MarkupLineInterpolated($"HTML report: [bold]{html}[/]");
            }
            var seconds = result.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture);
            if (result.Failure is { } failure)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {failure}");
                return 2;
            }
            AnsiConsole.MarkupLineInterpolated($"[green]done:[/] {result.CellsRun} code cells in {seconds} s");
            return 0;
        }
        catch (Exception e) when (e is NotebookException or ArgumentException or TorchNativeLoadException or InvalidDataException or FileNotFoundException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 2;
        }
    }

    /// <summary>Prints a code cell's start or finish as it happens.</summary>
    private static void Report(CellProgress value)
    {
        var where = $"[{value.Ordinal}/{value.CodeCellCount}] {value.Cell}";
        var seconds = value.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture);
        var line = value.FirstLine.Length <= 50 ? value.FirstLine : value.FirstLine[..47] + "...";
        switch (value.Stage)
        {
            case CellProgressStage.Started:
                AnsiConsole.MarkupLineInterpolated($"[grey]{where}[/] {line}");
                break;
            case CellProgressStage.Succeeded:
                AnsiConsole.MarkupLineInterpolated($"[green]✓[/] [grey]{where}[/] {seconds} s");
                break;
            default:
                AnsiConsole.MarkupLineInterpolated($"[red]✗[/] [grey]{where}[/] failed after {seconds} s");
                break;
        }
    }
}

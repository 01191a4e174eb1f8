using System.Globalization;
using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Charts;
using NotebookExperiments.Data;
using NotebookExperiments.Training;
using Spectre.Console;
using TorchSharp;

namespace NotebookExperiments.Cli;

/// <summary>What the analysis commands share: the data, the result folder, a progress bar, and tables on the console.</summary>
internal static class AnalysisConsole
{
    /// <summary>The analysis folder: <paramref name="output"/> or <c>results/&lt;analysis&gt;</c> of the repository.</summary>
    public static string OutputDirectory(string analysis, string? output) =>
        output ?? Path.Combine(RepositoryRoot.Find() ?? Directory.GetCurrentDirectory(), "results", analysis);

    /// <summary>
    /// Runs one analysis the way every analysis command does: device and threads, MNIST (fetched when missing), the result
    /// folder, and a progress bar around <paramref name="run"/>.
    /// </summary>
    /// <returns>The analysis's result and its folder.</returns>
    public static (T Result, string Directory) Run<T>(string analysis, AnalysisOptions.Values values, Func<AnalysisEnvironment, T> run)
    {
        var directory = OutputDirectory(analysis, values.Output);
        var device = CommonOptions.Initialise(values.Device, values.Threads);
        using var data = LoadData(values.DataDirectory);
        var scope = values.Scope ?? RunScope.All;
        try
        {
            return (WithProgress(analysis, directory, data, device, env => run(env with { Scope = scope })), directory);
        }
        catch (MissingUnitsException e)
        {
            throw IncompleteRunException.Of(e, scope, directory);
        }
    }

    /// <summary>MNIST, located or fetched, with the fetcher's messages on the console.</summary>
    public static TrainingData LoadData(string? dataDirectory) =>
        TrainingData.LoadMnist(dataDirectory, new SynchronousProgress<string>(Console.WriteLine));

    /// <summary>Runs <paramref name="body"/> under a progress bar fed by the analysis's progress reports.</summary>
    public static T WithProgress<T>(string analysis, string directory, TrainingData data, torch.Device device, Func<AnalysisEnvironment, T> body)
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
                    task.Description = Markup.Escape($"{analysis} {RemainingTime.Describe(p)}, {RemainingTime.Format(left)}: {p.Detail}");
                });
                result = body(new AnalysisEnvironment(directory, data, device, progress));
                task.Value = task.MaxValue;
                task.Description = Markup.Escape($"{analysis}: done");
            });
        return result;
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

    /// <summary>Writes a figure as standalone HTML (plotly.js embedded, works offline) and says where.</summary>
    public static void SaveFigure(Plotly.NET.GenericChart chart, string directory, string fileName) =>
        Console.WriteLine($"wrote {ChartExport.SaveStandaloneHtml(chart, Path.Combine(directory, fileName))}");

    /// <summary>Writes the CSV next to the result store and says where.</summary>
    public static void SaveCsv(DataFrame frame, string directory, string fileName)
    {
        var path = Path.Combine(directory, fileName);
        CsvTable.SaveAtomically(frame, path);
        Console.WriteLine($"wrote {path}");
    }


}

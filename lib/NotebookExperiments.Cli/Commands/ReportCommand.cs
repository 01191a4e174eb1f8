using System.CommandLine;
using NotebookExperiments.Reports;

namespace NotebookExperiments.Cli.Commands;

/// <summary>
/// <c>report [--results DIR] [--out DIR]</c>: the reproduction report (<see cref="ReproductionReport"/>) of whatever results the
/// results folder holds, as <c>report.html</c> (offline, plotly.js embedded once) and <c>report.md</c> with the figures under
/// <c>report-figures/</c>. Prints the pages' paths and one line per analysis; exits 0 when at least one analysis has results, 2
/// when none has.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var results = new Option<string?>("--results")
        {
            Description = $"The results folder, parent of the analyses' folders (default: ${AnalysisConsole.ResultsVariable} when set, else results/ of the repository).",
        };
        var output = new Option<string?>("--out") { Description = "Where to write report.html, report.md and report-figures/ (default: the results folder)." };
        var command = new Command("report",
            "Write the reproduction report of the results folder: every analysis's provenance, tables and figures beside the published numbers, " +
            "partial results as such, and the command of each analysis not run.") { results, output };
        command.SetAction(result => CommonOptions.Guard(() =>
        {
            var directory = result.GetValue(results) ?? AnalysisConsole.ResultsDirectory();
            var report = ReproductionReport.Read(directory);
            if (!report.HasResults)
            {
                Console.Error.WriteLine($"error: no results in {report.ResultsDirectory}: none of {string.Join(", ", report.Sections.Select(s => s.Name))} has run there. " +
                                        "Run `notebook-experiments reproduce all --preset quick` (or one analysis), or give --results.");
                return 2;
            }
            Print(report.WriteTo(result.GetValue(output)));
            return 0;
        }));
        return command;
    }

    /// <summary>Prints the pages written and the report's line per analysis.</summary>
    public static void Print(ReproductionReportFiles files)
    {
        Console.WriteLine($"wrote {files.Html}");
        Console.WriteLine($"wrote {files.Markdown}");
        foreach (var line in files.Summary) Console.WriteLine(line);
    }
}

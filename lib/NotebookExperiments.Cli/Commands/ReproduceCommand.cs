using System.CommandLine;
using NotebookExperiments.Analyses;
using NotebookExperiments.Cli.Slurm;
using NotebookExperiments.Reports;

namespace NotebookExperiments.Cli.Commands;

/// <summary>
/// <c>reproduce [all|&lt;analysis&gt;] --preset quick|paper</c>: the main analyses (<see cref="AnalysisRegistry.Main"/>; a side view
/// of <see cref="AnalysisRegistry.SideViews"/> only when named) with their presets, one after another, each into <c>results/&lt;analysis&gt;</c> (or a subfolder of <c>--out</c>), then the reproduction report of the
/// results folder (<see cref="ReproductionReport"/>: <c>report.html</c> and <c>report.md</c> beside the analyses' folders), whose
/// paths and one line per analysis it prints; with <c>--slurm</c>, each analysis submitted as a job array and a merge job (the report
/// is then written by <c>report</c> once the merges have run). A shard (<c>--shard</c>) writes no report: the merge does.
/// </summary>
internal static class ReproduceCommand
{
    public static Command Create()
    {
        var options = new AnalysisOptions();
        var names = AnalysisRegistry.All.Select(a => a.Name).ToList();
        var which = new Argument<string>("analysis")
        {
            Description = $"all (the main job: {string.Join(", ", AnalysisRegistry.Main.Select(a => a.Name))}), or one of: " + string.Join(", ", names),
            DefaultValueFactory = _ => "all",
        };
        which.AcceptOnlyFromAmong(["all", .. names]);
        var command = new Command("reproduce",
            "Reproduce the analyses (results/<analysis>/: CSV, figures, provenance), then write the reproduction report (results/report.html, report.md). " +
            "Finished units are kept and skipped on a rerun.")
        {
            which,
        };
        var slurm = new SlurmOptions();
        command.AddOptions([.. options.All, .. slurm.All]);
        command.SetAction(result => CommonOptions.Guard(() =>
        {
            var preset = result.GetValue(options.Preset)!;
            var values = options.Read(result);
            var name = result.GetValue(which)!;
            var chosen = name == "all" ? AnalysisRegistry.Main : [AnalysisRegistry.Find(name)];
            var prepared = chosen.Select(a => a.Prepare(preset, [])).ToList();
            IReadOnlyList<string> arguments = ["--preset", preset];
            if (slurm.Read(result, values) is { } resources)
            {
                foreach (var analysis in prepared)
                {
                    int exit = SlurmSubmitter.Submit(analysis, arguments, ForAnalysis(values, analysis), resources);
                    if (exit != 0) return exit;
                }
                return 0;
            }
            AnalysisCommand.RequireShardsWithSlurmOrMerge(values);
            int status = 0;
            foreach (var analysis in prepared)
            {
                Console.WriteLine($"== {analysis.Analysis.Name} ({preset} preset)");
                try
                {
                    int exit = AnalysisConsole.Run(analysis, ForAnalysis(values, analysis), arguments);
                    if (exit is ExitCodes.StoppedWithProgress or ExitCodes.StoppedWithoutProgress) return exit;
                    status = Math.Max(status, exit);
                }
                catch (IncompleteRunException e)
                {
                    // A shard's share done, or a merge with units missing: say so and go on with the next analysis.
                    Console.WriteLine(e.Message);
                    status = Math.Max(status, e.ExitCode);
                }
            }
            if (values.Scope?.Shard is null) WriteReport(values.Output ?? AnalysisConsole.ResultsDirectory());
            return status;
        }));
        return command;
    }

    /// <summary>Writes the reproduction report of <paramref name="results"/> (the parent of the analyses' folders) there and prints where.</summary>
    private static void WriteReport(string results)
    {
        var files = ReproductionReport.Write(results);
        Console.WriteLine("== the reproduction report");
        ReportCommand.Print(files);
    }

    /// <summary>The options of one analysis under <c>reproduce</c>: with <c>--out</c>, its own subfolder.</summary>
    private static AnalysisOptions.Values ForAnalysis(AnalysisOptions.Values values, IPreparedAnalysis analysis) =>
        values with { Output = values.Output is null ? null : Path.Combine(values.Output, analysis.Analysis.Name) };
}

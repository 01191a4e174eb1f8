using System.CommandLine;
using NotebookExperiments.Analyses;
using NotebookExperiments.Cli.Slurm;

namespace NotebookExperiments.Cli.Commands;

/// <summary><c>reproduce [all|beta-sweep|bias-variance|temperature-study|elbo-table] --preset quick|paper</c>: the analyses with their presets.</summary>
internal static class ReproduceCommand
{
    private static readonly string[] Analyses = [BetaSweep.Name, BiasVarianceStudy.Name, TemperatureStudy.Name, ElboTable.Name];

    private const string ElboTableNotSharded =
        "elbo-table: not split into shards yet, so it is left out of --slurm, --shard and --merge; run `reproduce elbo-table` on one machine.";

    public static Command Create()
    {
        var options = new AnalysisOptions();
        var which = new Argument<string>("analysis")
        {
            Description = "all, or one of: " + string.Join(", ", Analyses),
            DefaultValueFactory = _ => "all",
        };
        which.AcceptOnlyFromAmong(["all", .. Analyses]);
        var command = new Command("reproduce", "Reproduce the analyses (results/<analysis>/: CSV, figure.html, summary). Finished units are kept and skipped on a rerun.")
        {
            which,
        };
        options.AddTo(command);
        var slurm = new SlurmOptions();
        slurm.AddTo(command);
        command.SetAction(result => CommonOptions.Guard(() =>
        {
            var preset = result.GetValue(options.Preset)!;
            var values = options.Read(result);
            var chosen = result.GetValue(which) == "all" ? Analyses : [result.GetValue(which)!];
            if (slurm.Read(result) is { } resources)
            {
                foreach (var analysis in chosen)
                {
                    if (analysis == ElboTable.Name)
                    {
                        Console.WriteLine(ElboTableNotSharded);
                        continue;
                    }
                    var perAnalysis = values with { Output = values.Output is null ? null : Path.Combine(values.Output, analysis) };
                    var jobs = analysis switch
                    {
                        BetaSweep.Name => BetaSweep.Jobs(BetaSweepParameters.FromPreset(preset), SlurmSubmitter.TrainImages),
                        BiasVarianceStudy.Name => BiasVarianceStudy.Jobs(BiasVarianceParameters.FromPreset(preset), SlurmSubmitter.TrainImages),
                        _ => TemperatureStudy.Jobs(TemperatureStudyParameters.FromPreset(preset), SlurmSubmitter.TrainImages),
                    };
                    int exit = SlurmSubmitter.Submit(analysis, jobs, ["--preset", preset], perAnalysis, resources);
                    if (exit != 0) return exit;
                }
                return 0;
            }
            int status = 0;
            foreach (var analysis in chosen)
            {
                Console.WriteLine($"== {analysis} ({preset} preset)");
                var perAnalysis = values with { Output = values.Output is null ? null : Path.Combine(values.Output, analysis) };
                try
                {
                    switch (analysis)
                    {
                        case BetaSweep.Name: BetaSweepCommand.Run(BetaSweepParameters.FromPreset(preset), perAnalysis); break;
                        case BiasVarianceStudy.Name: BiasVarianceCommand.Run(BiasVarianceParameters.FromPreset(preset), perAnalysis); break;
                        case TemperatureStudy.Name: TemperatureStudyCommand.Run(TemperatureStudyParameters.FromPreset(preset), perAnalysis); break;
                        default:
                            if (perAnalysis.Scope is not null) { Console.WriteLine(ElboTableNotSharded); break; }
                            ElboTableCommand.Run(ElboTableParameters.FromPreset(preset), perAnalysis);
                            break;
                    }
                }
                catch (IncompleteRunException e)
                {
                    // A shard's share done, or a merge with units missing: say so and go on with the next analysis.
                    Console.WriteLine(e.Message);
                    status = Math.Max(status, e.ExitCode);
                }
            }
            return status;
        }));
        return command;
    }
}

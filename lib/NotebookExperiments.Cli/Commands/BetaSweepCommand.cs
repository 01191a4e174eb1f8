using System.CommandLine;
using NotebookExperiments.Analyses;
using NotebookExperiments.Charts;
using NotebookExperiments.Cli.Slurm;

namespace NotebookExperiments.Cli.Commands;

/// <summary><c>beta-sweep</c>: the β sweep of ReinMax-RK2 (Beyond ReinMax, Fig. 2), resumable, with CSV, figure and table.</summary>
internal static class BetaSweepCommand
{
    public static Command Create()
    {
        var options = new AnalysisOptions();
        var overrides = new OverrideOptions<BetaSweepOverrides>();
        var command = new Command(BetaSweep.Name, "β sweep of ReinMax-RK2: final train −ELBO against β (Beyond ReinMax, Fig. 2).");
        overrides.AddTo(command);
        options.AddTo(command);
        var slurm = new SlurmOptions();
        slurm.AddTo(command);
        command.SetAction(result => CommonOptions.Guard(() =>
        {
            var preset = result.GetValue(options.Preset)!;
            var parameters = BetaSweepParameters.FromPreset(preset, overrides.Read(result));
            if (slurm.Read(result) is { } resources)
            {
                parameters.Validate();
                return SlurmSubmitter.Submit(BetaSweep.Name, BetaSweep.Jobs(parameters, SlurmSubmitter.TrainImages),
                    ["--preset", preset, .. SlurmSubmitter.Given(result, overrides.Options)], options.Read(result), resources);
            }
            Run(parameters, options.Read(result));
            return 0;
        }, overrides.ValidatedNames));
        return command;
    }

    /// <summary>Runs the sweep and writes <c>runs.csv</c>, <c>summary.csv</c> and <c>figure.html</c>.</summary>
    public static void Run(BetaSweepParameters parameters, AnalysisOptions.Values values)
    {
        parameters.Validate();
        var collapsed = new Dictionary<string, double>();
        var (runs, directory) = AnalysisConsole.Run(BetaSweep.Name, values, env =>
        {
            foreach (var c in parameters.Configurations) collapsed[c.Configuration] = BetaSweep.CollapsedLoss(parameters, env.Data, c.Configuration);
            return BetaSweep.Run(parameters, env);
        });
        var summary = BetaSweep.Summarise(runs);
        AnalysisConsole.SaveCsv(runs, directory, "runs.csv");
        AnalysisConsole.SaveCsv(summary, directory, "summary.csv");
        AnalysisConsole.SaveFigure(BetaSweepFigure.Create(summary, parameters.Describe()), directory, "figure.html");
        AnalysisConsole.Print(summary, $"β sweep ({parameters.Describe()})", explain: (column, row) =>
            (column, summary["runs"][row]) switch
            {
                ("mean_train_elbo", 0) or ("sd_train_elbo", 0) => "— (every run diverged)",
                ("sd_train_elbo", 1) => "undefined (1 run)",
                _ => null,
            });
        foreach (var configuration in parameters.Configurations)
            if (parameters.Betas.Count >= 2)
                Console.WriteLine(BetaSweepShape.Of(summary, configuration.Configuration).Describe(collapsed[configuration.Configuration]));
    }
}

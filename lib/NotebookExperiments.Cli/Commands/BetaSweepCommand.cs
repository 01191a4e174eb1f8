using System.CommandLine;
using NotebookExperiments.Analyses;
using NotebookExperiments.Charts;

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
        command.SetAction(result => CommonOptions.Guard(() =>
        {
            Run(BetaSweepParameters.FromPreset(result.GetValue(options.Preset)!, overrides.Read(result)), options.Read(result));
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

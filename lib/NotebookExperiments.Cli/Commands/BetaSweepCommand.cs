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
        var configs = ListOption.Create("--configs", "Configurations to sweep, among those of the preset, e.g. 8x4");
        var betas = ListOption.Create("--betas", "Values of β");
        var seeds = ListOption.Create("--seeds", "Seeds");
        var epochs = new Option<int?>("--epochs") { Description = "Epochs per run." };
        var trainSize = new Option<int?>("--train-size") { Description = "Use the first N training images." };
        var maxEnsemble = new Option<int?>("--max-ensemble") { Description = "Largest number of runs trained together as one batched model (default 29)." };
        var command = new Command(BetaSweep.Name, "β sweep of ReinMax-RK2: final train −ELBO against β (Beyond ReinMax, Fig. 2).")
        {
            configs, betas, seeds, epochs, trainSize, maxEnsemble,
        };
        options.AddTo(command);
        command.SetAction(result => CommonOptions.Guard(() =>
        {
            var p = BetaSweepParameters.FromPreset(result.GetValue(options.Preset)!);
            var chosen = ListOption.Parse(result.GetValue(configs), "--configs", s => s);
            if (chosen is not null)
                p = p with
                {
                    Configurations = chosen.Select(c => p.Configurations.FirstOrDefault(x => x.Configuration == c)
                        ?? throw new ArgumentException($"--configs: {c} is not in the preset; accepted: {string.Join(", ", p.Configurations.Select(x => x.Configuration))}.")).ToList(),
                };
            p = p with
            {
                Betas = ListOption.Doubles(result.GetValue(betas), "--betas") ?? p.Betas,
                Seeds = ListOption.Longs(result.GetValue(seeds), "--seeds") ?? p.Seeds,
                Epochs = result.GetValue(epochs) ?? p.Epochs,
                TrainSize = result.GetValue(trainSize) ?? p.TrainSize,
                MaxEnsembleSize = result.GetValue(maxEnsemble) ?? p.MaxEnsembleSize,
            };
            Run(p, options.Read(result));
            return 0;
        }, new Dictionary<string, string> { ["beta"] = "--betas" }));
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

using System.CommandLine;
using NotebookExperiments.Analyses;
using NotebookExperiments.Charts;

namespace NotebookExperiments.Cli.Commands;

/// <summary><c>bias-variance</c>: bias and variance of estimators over training checkpoints (Beyond ReinMax, Fig. 1).</summary>
internal static class BiasVarianceCommand
{
    public static Command Create()
    {
        var options = new AnalysisOptions();
        var epochs = new Option<int?>("--epochs") { Description = "Training epochs of the studied model." };
        var checkpoints = ListOption.Create("--checkpoints", "Epochs whose checkpoints are studied");
        var estimators = new Option<string[]>("--estimator", "-e") { Description = "Estimator specs to compare (repeatable; default: the paper's eight)." };
        var samples = new Option<int?>("--samples") { Description = "Estimates per estimator and checkpoint." };
        var trainSize = new Option<int?>("--train-size") { Description = "Use the first N training images." };
        var seeds = ListOption.Create("--seeds", "Training seeds (one model each; statistics averaged over them)");
        var command = new Command(BiasVarianceStudy.Name, "Bias (cosine with the exact gradient) and variance of estimators over training checkpoints (Beyond ReinMax, Fig. 1).")
        {
            epochs, checkpoints, estimators, samples, trainSize, seeds,
        };
        options.AddTo(command);
        command.SetAction(result => CommonOptions.Guard(() =>
        {
            var p = BiasVarianceParameters.FromPreset(result.GetValue(options.Preset)!);
            var chosen = result.GetValue(estimators);
            p = p with
            {
                Training = p.Training with
                {
                    Epochs = result.GetValue(epochs) ?? p.Training.Epochs,
                    TrainSize = result.GetValue(trainSize) ?? p.Training.TrainSize,
                },
                CheckpointEpochs = ListOption.Ints(result.GetValue(checkpoints), "--checkpoints") ?? p.CheckpointEpochs,
                Estimators = chosen is { Length: > 0 } ? chosen : p.Estimators,
                Samples = result.GetValue(samples) ?? p.Samples,
                Seeds = ListOption.Longs(result.GetValue(seeds), "--seeds") ?? p.Seeds,
            };
            Run(p, options.Read(result));
            return 0;
        }, new Dictionary<string, string> { ["Seeds"] = "--seeds" }));
        return command;
    }

    /// <summary>Runs the study and writes <c>statistics.csv</c> (per seed), <c>summary.csv</c> (mean ± s.e. over seeds) and <c>figure.html</c>.</summary>
    public static void Run(BiasVarianceParameters parameters, AnalysisOptions.Values values)
    {
        parameters.Validate();
        var (frame, directory) = AnalysisConsole.Run(BiasVarianceStudy.Name, values, env => BiasVarianceStudy.Run(parameters, env));
        var summary = BiasVarianceStudy.Summarise(frame);
        AnalysisConsole.SaveCsv(frame, directory, "statistics.csv");
        AnalysisConsole.SaveCsv(summary, directory, "summary.csv");
        AnalysisConsole.SaveFigure(BiasVarianceFigure.Create(frame, parameters.Describe()), directory, "figure.html");
        AnalysisConsole.Print(summary, $"Bias and variance, mean and standard error over seeds ({parameters.Describe()})", digits: 4,
            explain: (column, row) => column.EndsWith("_se", StringComparison.Ordinal) && summary[column][row] is double se && double.IsNaN(se)
                ? "undefined (1 seed)" : null);
    }
}

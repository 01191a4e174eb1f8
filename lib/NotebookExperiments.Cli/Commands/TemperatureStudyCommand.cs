using System.CommandLine;
using NotebookExperiments.Analyses;
using NotebookExperiments.Charts;

namespace NotebookExperiments.Cli.Commands;

/// <summary><c>temperature-study</c>: temperature-dependent estimators against the temperature-free ZGR.</summary>
internal static class TemperatureStudyCommand
{
    public static Command Create()
    {
        var options = new AnalysisOptions();
        var taus = ListOption.Create("--taus", "Temperatures of the gradient part");
        var samples = new Option<int?>("--samples") { Description = "Estimates per estimator and temperature." };
        var trainingTaus = ListOption.Create("--training-taus", "Temperatures of the training part (empty: skip training)");
        var trainingEpochs = new Option<int?>("--training-epochs") { Description = "Epochs of each training run." };
        var trainingSize = new Option<int?>("--training-size") { Description = "Training images of each training run." };
        var seeds = ListOption.Create("--seeds", "Seeds of the training part");
        var command = new Command(TemperatureStudy.Name, "Bias, variance and training loss of temperature-dependent estimators against τ, with ZGR as the temperature-free reference.")
        {
            taus, samples, trainingTaus, trainingEpochs, trainingSize, seeds,
        };
        options.AddTo(command);
        command.SetAction(result => CommonOptions.Guard(() =>
        {
            var p = TemperatureStudyParameters.FromPreset(result.GetValue(options.Preset)!);
            p = p with
            {
                Temperatures = ListOption.Doubles(result.GetValue(taus), "--taus") ?? p.Temperatures,
                Samples = result.GetValue(samples) ?? p.Samples,
                TrainingTemperatures = ListOption.Doubles(result.GetValue(trainingTaus), "--training-taus") ?? p.TrainingTemperatures,
                TrainingEpochs = result.GetValue(trainingEpochs) ?? p.TrainingEpochs,
                TrainingSize = result.GetValue(trainingSize) ?? p.TrainingSize,
                TrainingSeeds = ListOption.Longs(result.GetValue(seeds), "--seeds") ?? p.TrainingSeeds,
            };
            Run(p, options.Read(result));
            return 0;
        }, new Dictionary<string, string>
        {
            ["Temperatures"] = "--taus", ["TrainingTemperatures"] = "--training-taus", ["Epochs"] = "--training-epochs", ["TrainSize"] = "--training-size",
        }));
        return command;
    }

    /// <summary>Runs the study and writes <c>gradients.csv</c>, <c>training.csv</c> and three figures.</summary>
    public static void Run(TemperatureStudyParameters parameters, AnalysisOptions.Values values)
    {
        parameters.Validate();
        var (result, directory) = AnalysisConsole.Run(TemperatureStudy.Name, values, env => TemperatureStudy.Run(parameters, env));
        AnalysisConsole.SaveCsv(result.Gradients, directory, "gradients.csv");
        AnalysisConsole.SaveCsv(result.Training, directory, "training.csv");
        var subtitle = parameters.Describe();
        AnalysisConsole.SaveFigure(TemperatureFigures.GradientVersusTemperature(result.Gradients, subtitle), directory, "figure-gradients.html");
        AnalysisConsole.SaveFigure(TemperatureFigures.BiasVarianceTradeoff(result.Gradients, subtitle), directory, "figure-tradeoff.html");
        AnalysisConsole.SaveFigure(TemperatureFigures.TrainingVersusTemperature(result.Training, subtitle), directory, "figure-training.html");
        AnalysisConsole.Print(result.Gradients, $"Gradients against τ ({subtitle})");
        AnalysisConsole.Print(result.Training, "Train −ELBO after the budget");
    }
}

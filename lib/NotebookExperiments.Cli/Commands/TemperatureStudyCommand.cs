using System.CommandLine;
using NotebookExperiments.Analyses;
using NotebookExperiments.Charts;
using NotebookExperiments.Cli.Slurm;

namespace NotebookExperiments.Cli.Commands;

/// <summary><c>temperature-study</c>: temperature-dependent estimators against the temperature-free ZGR.</summary>
internal static class TemperatureStudyCommand
{
    public static Command Create()
    {
        var options = new AnalysisOptions();
        var overrides = new OverrideOptions<TemperatureStudyOverrides>();
        var command = new Command(TemperatureStudy.Name, "Bias, variance and training loss of temperature-dependent estimators against τ, with ZGR as the temperature-free reference.");
        overrides.AddTo(command);
        options.AddTo(command);
        var slurm = new SlurmOptions();
        slurm.AddTo(command);
        command.SetAction(result => CommonOptions.Guard(() =>
        {
            var preset = result.GetValue(options.Preset)!;
            var parameters = TemperatureStudyParameters.FromPreset(preset, overrides.Read(result));
            if (slurm.Read(result) is { } resources)
            {
                parameters.Validate();
                return SlurmSubmitter.Submit(TemperatureStudy.Name, TemperatureStudy.Jobs(parameters, SlurmSubmitter.TrainImages),
                    ["--preset", preset, .. SlurmSubmitter.Given(result, overrides.Options)], options.Read(result), resources);
            }
            Run(parameters, options.Read(result));
            return 0;
        }, overrides.ValidatedNames));
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

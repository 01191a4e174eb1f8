using System.CommandLine;
using NotebookExperiments.Analyses;
using NotebookExperiments.Charts;
using NotebookExperiments.Cli.Slurm;

namespace NotebookExperiments.Cli.Commands;

/// <summary><c>bias-variance</c>: bias and variance of estimators over training checkpoints (Beyond ReinMax, Fig. 1).</summary>
internal static class BiasVarianceCommand
{
    public static Command Create()
    {
        var options = new AnalysisOptions();
        var overrides = new OverrideOptions<BiasVarianceOverrides>();
        var command = new Command(BiasVarianceStudy.Name, "Bias (cosine with the exact gradient) and variance of estimators over training checkpoints (Beyond ReinMax, Fig. 1).");
        overrides.AddTo(command);
        options.AddTo(command);
        var slurm = new SlurmOptions();
        slurm.AddTo(command);
        command.SetAction(result => CommonOptions.Guard(() =>
        {
            var preset = result.GetValue(options.Preset)!;
            var parameters = BiasVarianceParameters.FromPreset(preset, overrides.Read(result));
            if (slurm.Read(result) is { } resources)
            {
                parameters.Validate();
                return SlurmSubmitter.Submit(BiasVarianceStudy.Name, BiasVarianceStudy.Jobs(parameters, SlurmSubmitter.TrainImages),
                    ["--preset", preset, .. SlurmSubmitter.Given(result, overrides.Options)], options.Read(result), resources);
            }
            Run(parameters, options.Read(result));
            return 0;
        }, overrides.ValidatedNames));
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

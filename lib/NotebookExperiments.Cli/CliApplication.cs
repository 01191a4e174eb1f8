using System.CommandLine;
using NotebookExperiments.Cli.Commands;

namespace NotebookExperiments.Cli;

/// <summary>The command line: one command per file under <c>Commands/</c>, each a thin translation of options into library calls.</summary>
public static class CliApplication
{
    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand CreateRootCommand() => new("NotebookExperiments: gradient estimators for categorical latent variables.")
    {
        EstimatorsCommand.Create(),
        EstimatorStatsCommand.Create(),
        FetchDataCommand.Create(),
        TrainCommand.Create(),
        BetaSweepCommand.Create(),
        BiasVarianceCommand.Create(),
        TemperatureStudyCommand.Create(),
        ElboTableCommand.Create(),
        ReproduceCommand.Create(),
        RunNotebookCommand.Create(),
    };

    /// <summary>Parses and runs a command line; returns the exit code (0 success, 1 invalid usage, 2 a reported error).</summary>
    public static Task<int> RunAsync(string[] args) => CreateRootCommand().Parse(args).InvokeAsync();
}

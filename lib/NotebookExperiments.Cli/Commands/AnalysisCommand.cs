using System.CommandLine;
using NotebookExperiments.Analyses;
using NotebookExperiments.Cli.Slurm;

namespace NotebookExperiments.Cli.Commands;

/// <summary>
/// The command of one analysis of <see cref="AnalysisRegistry"/> (<c>beta-sweep</c>, <c>bias-variance</c>, <c>temperature-study</c>,
/// <c>elbo-table</c>): its preset, its overrides as options (<see cref="OverrideOptions"/>), the options every analysis takes, and
/// Slurm's. It runs here (<see cref="AnalysisConsole.Run"/>, in one process or, with <c>--jobs</c>, in several), or submits to Slurm
/// (<see cref="SlurmSubmitter"/>).
/// </summary>
internal static class AnalysisCommand
{
    public static Command Create(IAnalysis analysis)
    {
        var options = new AnalysisOptions();
        var overrides = new OverrideOptions(analysis.ParametersType);
        var slurm = new SlurmOptions();
        var command = new Command(analysis.Name, analysis.Summary);
        command.AddOptions([.. overrides.Options, .. options.All, .. slurm.All]);
        command.SetAction(result => CommonOptions.Guard(() =>
        {
            var preset = result.GetValue(options.Preset)!;
            var values = options.Read(result);
            var prepared = analysis.Prepare(preset, overrides.Read(result));
            IReadOnlyList<string> arguments = ["--preset", preset, .. SlurmSubmitter.Given(result, overrides.Options)];
            if (slurm.Read(result, values) is { } resources)
                return SlurmSubmitter.Submit(prepared, arguments, values, resources);
            RequireShardsWithSlurmOrMerge(values);
            return AnalysisConsole.Run(prepared, values, arguments);
        }, overrides.ValidatedNames));
        return command;
    }

    /// <summary>Refuses <c>--shards</c> where it means nothing (without <c>--slurm</c> or <c>--merge</c>).</summary>
    /// <exception cref="ArgumentException">It was given.</exception>
    public static void RequireShardsWithSlurmOrMerge(AnalysisOptions.Values values)
    {
        if (values.Shards is not null && values.Scope is not { MergeOnly: true } && values.Scope?.Shard is null)
            throw new ArgumentException("--shards goes with --slurm (array tasks) or --merge (how many shards ran); to run one shard here, give --shard I/N.");
    }
}

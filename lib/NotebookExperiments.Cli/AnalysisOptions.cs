using System.CommandLine;

namespace NotebookExperiments.Cli;

/// <summary>Options every analysis command takes: preset, output folder, data folder, device, threads.</summary>
internal sealed class AnalysisOptions
{
    public Option<string> Preset { get; } = new("--preset")
    {
        Description = "quick (minutes on a laptop) or paper (the published protocol; hours).",
        DefaultValueFactory = _ => "quick",
    };

    public Option<string?> Output { get; } = new("--out") { Description = "Result folder (default: results/<analysis>)." };

    public Option<string?> DataDirectory { get; } = new("--data-dir") { Description = "MNIST folder (default: data/mnist; fetched when missing)." };

    public Option<string> Device { get; } = CommonOptions.Device();

    public Option<int> Threads { get; } = CommonOptions.Threads();

    public AnalysisOptions()
    {
        Preset.AcceptOnlyFromAmong([.. NotebookExperiments.Analyses.Presets.Names]);
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Preset);
        command.Options.Add(Output);
        command.Options.Add(DataDirectory);
        command.Options.Add(Device);
        command.Options.Add(Threads);
    }

    public Values Read(ParseResult result) =>
        new(result.GetValue(Output), result.GetValue(DataDirectory), result.GetValue(Device)!, result.GetValue(Threads));

    /// <summary>The parsed values.</summary>
    public sealed record Values(string? Output, string? DataDirectory, string Device, int Threads);
}

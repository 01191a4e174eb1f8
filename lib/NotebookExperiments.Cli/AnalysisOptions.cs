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

    public Option<string?> Shard { get; } = new("--shard")
    {
        Description = "Run only share I of N of the units (e.g. 2/3), appending to its own file in the result folder; " +
                      "run --merge (or the command without --shard) when every shard is done.",
    };

    public Option<bool> Merge { get; } = new("--merge")
    {
        Description = "Run nothing: read every shard's units, write the CSVs and figure, and report missing units (exit 3 if any).",
    };

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
        command.Options.Add(Shard);
        command.Options.Add(Merge);
    }

    public Values Read(ParseResult result)
    {
        var shard = result.GetValue(Shard) is { } text ? NotebookExperiments.Analyses.Shard.Parse(text) : null;
        bool merge = result.GetValue(Merge);
        if (shard is not null && merge) throw new ArgumentException("--merge runs no shard; give either --shard or --merge.");
        return new(result.GetValue(Output), result.GetValue(DataDirectory), result.GetValue(Device)!, result.GetValue(Threads),
            new NotebookExperiments.Analyses.RunScope(shard, merge));
    }

    /// <summary>The parsed values.</summary>
    public sealed record Values(string? Output, string? DataDirectory, string Device, int Threads, NotebookExperiments.Analyses.RunScope? Scope = null);
}
